import { compareEntries, type Timeline, type TimelineEntry } from './timeline.js';

/** Inserts an event into a timeline at its business date (ties: after events of lower stream position). */
export function insertIntoTimeline(timeline: Timeline, entry: TimelineEntry): Timeline {
  let lo = 0;
  let hi = timeline.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareEntries(timeline[mid]!, entry) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return [...timeline.slice(0, lo), entry, ...timeline.slice(lo)];
}
