/**
 * Records of a CSV file (RFC 4180: quoted fields may hold commas, quotes doubled, line breaks),
 * each with the line it starts on. Blank lines are skipped.
 */
export function csvRecords(text: string): { readonly line: number; readonly fields: string[] }[] {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let startLine = 1;
  let touched = false;
  const endRecord = () => {
    fields.push(field);
    if (touched || fields.length > 1 || field !== '') records.push({ line: startLine, fields });
    fields = [];
    field = '';
    touched = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"') (quoted = true), (touched = true);
    else if (c === ',') fields.push(field), (field = ''), (touched = true);
    else if (c === '\r' && text[i + 1] === '\n') continue;
    else if (c === '\n') {
      endRecord();
      line++;
      startLine = line;
    } else field += c;
  }
  if (field !== '' || fields.length > 0 || touched) endRecord();
  return records;
}
