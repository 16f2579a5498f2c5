import type { StoredEvent } from '../eventstore/eventstore.js';
import { RecentlyUsed } from '../recently-used.js';
import type { FoldedCase } from './project-case.js';

/** A case as the runner keeps it: its stream up to the checkpoint and, with the default projector, its fold. */
export type KeptCase = { readonly stream: readonly StoredEvent[]; readonly folded?: FoldedCase };

/**
 * Recent cases, each exactly the case's events up to the read models' checkpoint (and their
 * fold), so a busy case is neither read nor folded again for every batch: a batch holds every
 * event of the log after the checkpoint, so a kept stream plus the batch's events of that case
 * is the stream up to the batch. It is only valid beside the read models it was built with (the
 * runner clears it when it starts) and is updated only once a batch has committed.
 */
export class RecentCaseStreams extends RecentlyUsed<string, KeptCase> {
  constructor(capacity = 20_000) {
    super(capacity);
  }
}
