import { caseStreamCommand } from '../../domain/case/corrections.js';
import { dataProtectionCommand } from '../../domain/data-protection/events.js';
import { z } from 'zod';
import { caseId } from '../../domain/shared/ids.js';
import { acceptedEvent } from '../command-handler/outcome.js';

/** Path parameters and bodies shared by several routes. */
export const caseParams = z.object({ caseId: caseId.describe('1-64 of A-Za-z0-9_-') });

/** docs/DOMAIN.md section 5: the answer to an accepted command. */
export const acceptedCommand = z.object({
  caseId: z.string(),
  version: z.int().describe('The case version after the command (ETag)'),
  events: z.array(acceptedEvent),
});

export const etag = (version: number) => `"${version}"`;

/** Everything `POST /cases/{id}/commands` takes: the case's commands (section 4), corrections (section 10) and the data-protection commands (section 13). */
export const caseCommandBody = z.discriminatedUnion('type', [...caseStreamCommand.options, ...dataProtectionCommand.options]);
