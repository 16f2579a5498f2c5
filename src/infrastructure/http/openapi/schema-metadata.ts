import { z } from 'zod';
import { caseCommand } from '../../../domain/case/commands.js';
import { caseStreamCommand, correctEvents, retractEvents } from '../../../domain/case/corrections.js';
import { submissionRequest } from '../../../domain/returns/events.js';
import { businessDate } from '../../../domain/shared/business-date.js';
import { reportingYear } from '../../../domain/shared/reporting-year.js';
import { eraseSubjectData, recordRetentionReview } from '../../../domain/data-protection/events.js';
import { caseCommandBody } from '../wire.js';
import { COMMAND_EXAMPLES, CORRECTION_EXAMPLES, DATA_PROTECTION_EXAMPLES } from './command-examples.js';

/** Adds to what the registry already says of a schema (a description, say): metadata is documentation only. */
function describe(schema: z.ZodType, meta: Record<string, unknown>): void {
  z.globalRegistry.add(schema, { ...z.globalRegistry.get(schema), ...meta });
}

/**
 * What the OpenAPI document says of the domain's schemas beyond their shape, kept out of the
 * domain: dates are `format: date`, each command is named by its `type` and carries a valid
 * example, and the command body lists every example by name. Registered once per process.
 */
let described = false;
export function describeSchemasForOpenApi(): void {
  if (described) return;
  described = true;
  describe(businessDate, { format: 'date', examples: ['2024-05-01'] });
  describe(reportingYear, { examples: ['2008-09'] });
  describe(submissionRequest, { title: 'SubmissionRequest', examples: [{ area: 'cumbria', format: '2008', note: 'as sent to the Ministry of Justice' }] });
  for (const option of caseCommand.options) {
    const type = option.shape.type.value;
    describe(option, { title: type, examples: [COMMAND_EXAMPLES[type]] });
  }
  describe(retractEvents, { title: 'RetractEvents', examples: [CORRECTION_EXAMPLES.RetractEvents] });
  describe(correctEvents, { title: 'CorrectEvents', examples: [CORRECTION_EXAMPLES.CorrectEvents] });
  describe(eraseSubjectData, { title: 'EraseSubjectData', examples: [DATA_PROTECTION_EXAMPLES.EraseSubjectData] });
  describe(recordRetentionReview, { title: 'RecordRetentionReview', examples: [DATA_PROTECTION_EXAMPLES.RecordRetentionReview] });
  const examples = { ...COMMAND_EXAMPLES, ...CORRECTION_EXAMPLES, ...DATA_PROTECTION_EXAMPLES };
  const bodyMeta = {
    description:
      'One command of the catalogue, chosen by `type` (docs/DOMAIN.md section 4), a correction (section 10), or a data-protection command (section 13, role data-protection); unknown fields are refused.',
    'x-examples': Object.fromEntries(Object.entries(examples).map(([type, value]) => [type, { summary: type, value }])),
  };
  describe(caseStreamCommand, bodyMeta);
  describe(caseCommandBody, bodyMeta);
}
