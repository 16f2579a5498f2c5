import type { EventLog } from '../eventstore/eventstore.js';
import { streams } from '../eventstore/stream-names.js';
import type { SubjectKeys } from './subject-keys.js';
import { standingOf } from '../../domain/data-protection/decide.js';
import { subjectRecord } from './subject-stream.js';

/**
 * The backup rule of docs/DOMAIN.md section 13: the key store is backed up apart from the log,
 * and on opening, every erasure the log records (SubjectDataErased, or a review that disposed)
 * is applied to the key store again. A key store restored from a backup taken before an erasure
 * thus loses the key again before anything can read with it; and an erasure whose key was not
 * destroyed (the process stopped between the append and the destroy) is finished. Returns the
 * cases whose key it found still present.
 */
export async function reapplyErasures(log: Pick<EventLog, 'readStreams'>, keys: SubjectKeys): Promise<string[]> {
  const revived: string[] = [];
  for await (const stream of log.readStreams(streams.subjectPrefix)) {
    if (stream.length === 0) continue;
    const caseId = stream[0]!.streamName.slice(streams.subjectPrefix.length);
    if (!standingOf(stream.map(subjectRecord)).erased) continue;
    // Destroying rewrites and checkpoints the key store: only where the key is not already gone,
    // so a start does no work for the erasures it finished before.
    const standing = await keys.find(caseId);
    if (standing.kind === 'destroyed') continue;
    if (standing.kind === 'present') revived.push(caseId);
    await keys.destroy(caseId);
  }
  return revived;
}
