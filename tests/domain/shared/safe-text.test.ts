import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseCommand } from '../../../src/domain/case/commands.js';
import { label } from '../../../src/domain/shared/ids.js';
import { isSafeLabelText, SAFE_TEXT_RULE } from '../../../src/domain/shared/safe-text.js';
import { cmd, refer } from '../case/support/builders.js';

const UNSAFE = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c', '\r', '\n', '\u0000', '\u2028', '\u2029', '\ud800', '\udfff'];

/** One definition of safe label text, used by every free-text field of the wire format. */
describe('safe label text', () => {
  it('free text: bidi overrides, isolates, line breaks and lone surrogates are refused', () => {
    for (const c of UNSAFE) expect(isSafeLabelText(`North${c}BCU`), JSON.stringify(c)).toBe(false);
  });

  it('accepts what people write: accents, Welsh, emoji (a surrogate pair), right-to-left scripts without controls', () => {
    for (const text of ['North BCU', 'Ynys Môn', 'Zoë O’Brien-Smith', 'Unit 🚓 7', 'وحدة الشمال', 'A/B & C (2)']) expect(isSafeLabelText(text), text).toBe(true);
  });

  it('any text made of safe characters is accepted; one unsafe character anywhere refuses it', () => {
    const safeChar = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }).filter(isSafeLabelText);
    fc.assert(
      fc.property(fc.array(safeChar, { minLength: 1, maxLength: 30 }), fc.constantFrom(...UNSAFE), fc.nat(), (chars, bad, at) => {
        const text = chars.join('');
        expect(label.safeParse(text.slice(0, 120)).success || text.slice(0, 120).length === 0).toBe(true);
        const i = at % (text.length + 1);
        expect(isSafeLabelText(text.slice(0, i) + bad + text.slice(i))).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('free text: localUnit and subject.ref of commands are refused naming the field', () => {
    const issues = (body: unknown) => {
      const r = caseCommand.safeParse(body);
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(issues(refer({ localUnit: 'North\u202eUCB' }))).toEqual([`localUnit: ${SAFE_TEXT_RULE}`]);
    expect(issues(refer({ subject: { ref: 'S\ud800', dateOfBirth: '1970-01-01' } }))).toEqual([`subject.ref: ${SAFE_TEXT_RULE}`]);
    expect(issues(cmd('ChangeLocalUnit', '2009-01-01', { localUnit: 'West\u2066x\u2069' }))).toEqual([`localUnit: ${SAFE_TEXT_RULE}`]);
    expect(issues(cmd('TransferCase', '2009-01-01', { toArea: 'kent', localUnit: 'a\nb' }))).toEqual([`localUnit: ${SAFE_TEXT_RULE}`]);
  });
});
