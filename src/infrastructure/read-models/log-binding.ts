import type { EventStore } from '../eventstore/eventstore.js';
import type { ReadModels } from './read-models.js';

/**
 * Why the read models cannot go on from their checkpoint in this log, or null when they can.
 * They are bound to the log they were built from by its store id and the id of the event at
 * their checkpoint: another store (MAPPA_STORE switched) has another id; an older copy of the
 * same log (a restored backup) ends before the checkpoint or, written to since, holds another
 * event there. Either way what they hold is not this log's, and events below their checkpoint
 * would be skipped for good. The reasons name no case and no person.
 */
async function whyNotBuiltFrom(store: EventStore, storeId: string, readModels: ReadModels): Promise<string | null> {
  const checkpoint = readModels.checkpoint();
  const binding = readModels.binding();
  if (binding.storeId === null) {
    return checkpoint === null ? null : 'the read models do not record which event log they were built from (built by an earlier version)';
  }
  if (binding.storeId !== storeId) return `the read models were built from another event store (store id ${binding.storeId}, this store is ${storeId})`;
  if (checkpoint === null) return null;
  const eventId = await store.eventIdAt(checkpoint);
  if (eventId === null) return `the event log ends before the read models' checkpoint (position ${checkpoint}): an older copy of the log was restored`;
  if (eventId !== binding.checkpointEventId) {
    return `the event log holds another event at the read models' checkpoint (position ${checkpoint}): an older copy of the log was restored and written to since`;
  }
  return null;
}

/**
 * Binds the read models to the store: if they were built from another log they are emptied
 * (and `onReset` says why), so the catch-up that follows projects the whole log.
 */
export async function bindToLog(store: EventStore, readModels: ReadModels, onReset?: (reason: string) => void): Promise<void> {
  const storeId = await store.storeId();
  const reason = await whyNotBuiltFrom(store, storeId, readModels);
  if (reason !== null) {
    onReset?.(reason);
    readModels.clear();
  }
  readModels.bindTo(storeId);
}
