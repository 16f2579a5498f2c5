import { describe } from 'vitest';
import type { OpenHttpStore } from './support/http-stores.js';
import { describeAudit } from './suite/audit.js';
import { describeCommands } from './suite/commands.js';
import { describeErrorStatuses } from './suite/errors.js';
import { useApi } from './suite/fixture.js';
import { describeIdempotency } from './suite/idempotency.js';
import { describeProjections } from './suite/projections.js';
import { describeReads } from './suite/reads.js';

export type { OpenHttpStore } from './support/http-stores.js';

/**
 * The HTTP API end to end, run unchanged on every store: `open` gives a fresh store for one
 * test and `dispose` releases what is left once the API has closed it.
 */
export function describeHttpApi(name: string, open: OpenHttpStore): void {
  describe(`HTTP API on ${name}`, () => {
    const subject = useApi(open);
    describeCommands(subject);
    describeReads(subject);
    describeAudit(subject);
    describeIdempotency(subject);
    describeErrorStatuses(subject);
    describeProjections(subject);
  });
}
