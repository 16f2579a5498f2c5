import { describe } from 'vitest';
import { describeConcurrency } from './contract/concurrency.js';
import { useFreshStore, type OpenStore } from './contract/fixtures.js';
import { describeIdempotency } from './contract/idempotency.js';
import { describeIdentity } from './contract/identity.js';
import { describeJsonAndLifecycle } from './contract/json-and-lifecycle.js';
import { describeReads } from './contract/reads.js';
import { describeRefusals } from './contract/refusals.js';
import { describeStreamsCut } from './contract/streams-cut.js';
import { describeSubscriptions } from './contract/subscriptions.js';
import { describeVersions } from './contract/versions.js';

export type { OpenStore, StoreUnderTest } from './contract/fixtures.js';

/**
 * The EventStore contract (docs/CHECKS.md S1), run unchanged against every adapter. `open` gives a
 * store for one test and `dispose` releases it; the suite closes the store itself in some
 * tests, so dispose must accept a closed store. It assumes nothing about the log beyond its
 * own uniquely named streams, nor about global positions beyond their strict increase.
 */
export function describeEventStoreContract(name: string, open: OpenStore): void {
  describe(`EventStore contract: ${name}`, () => {
    const subject = useFreshStore(open);
    describeVersions(subject);
    describeConcurrency(subject);
    describeRefusals(subject);
    describeIdempotency(subject);
    describeReads(subject);
    describeSubscriptions(subject);
    describeStreamsCut(subject);
    describeIdentity(subject);
    describeJsonAndLifecycle(subject);
  });
}
