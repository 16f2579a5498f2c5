import { accessRecordView } from '../access-log/reader.js';
import { ACCESS_STREAM_PREFIX } from '../access-log/records.js';
import type { FollowedProjection } from './projection-runner.js';
import type { ReadModels } from './read-models.js';

/**
 * The access log's index: each record of the access streams as a row, by position. A batch at
 * or before the checkpoint is already indexed, so replays change nothing; a record it cannot
 * decode stops it loudly (docs/CHECKS.md P5). It has its own checkpoint and runner, so the access log
 * stays searchable whatever happens to the case projections, and the other way round.
 */
export function accessLogProjection(readModels: () => ReadModels): FollowedProjection {
  return {
    streamPrefixes: [ACCESS_STREAM_PREFIX],
    checkpoint: () => readModels().accessLog.checkpoint(),
    async apply(batch) {
      const tables = readModels().accessLog;
      const checkpoint = tables.checkpoint() ?? -1n;
      const upTo = batch[batch.length - 1]!.globalPosition;
      if (upTo <= checkpoint) return;
      tables.add(batch.filter((e) => e.globalPosition > checkpoint).map(accessRecordView), upTo);
    },
  };
}
