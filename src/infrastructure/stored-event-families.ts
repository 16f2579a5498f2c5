import { areaEvents } from '../domain/area/events.js';
import { caseEvents } from '../domain/case/events.js';
import { returnEvents } from '../domain/returns/events.js';
import type { EventCatalog } from '../domain/shared/event-catalog.js';
import { accessRecords } from './access-log/records.js';
import { idempotencyRecords } from './command-handler/idempotency-records.js';
import { storeRecords } from './eventstore/shared/store-identity.js';

/**
 * Every family of events the engine stores, by the folder its fixtures live in
 * (tests/fixtures/events/<family>/<Type>.v<N>.json). A new family is added here.
 */
export const STORED_EVENT_FAMILIES: Readonly<Record<string, EventCatalog<{ type: string }>>> = {
  case: caseEvents,
  area: areaEvents,
  returns: returnEvents,
  idempotency: idempotencyRecords,
  access: accessRecords,
  store: storeRecords,
};
