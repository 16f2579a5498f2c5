import { areaEvents } from '../../src/domain/area/events.js';
import { correctionEvents } from '../../src/domain/case/corrections.js';
import { caseEvents } from '../../src/domain/case/event-versions.js';
import { dataProtectionEvents } from '../../src/domain/data-protection/events.js';
import { returnEvents } from '../../src/domain/returns/events.js';
import type { EventCatalog } from '../../src/domain/shared/event-versioning.js';
import { accessRecords } from '../../src/infrastructure/access-log/records.js';
import { idempotencyRecords } from '../../src/infrastructure/command-handler/idempotency-records.js';
import { storeRecords } from '../../src/infrastructure/eventstore/shared/store-identity.js';

/**
 * Every family of events the engine stores, by the folder its fixtures live in
 * (tests/fixtures/events/<family>/<Type>.v<N>.json). A new family is added here.
 */
export const STORED_EVENT_FAMILIES: Readonly<Record<string, EventCatalog<{ type: string }>>> = {
  case: caseEvents,
  corrections: correctionEvents,
  area: areaEvents,
  returns: returnEvents,
  'data-protection': dataProtectionEvents,
  idempotency: idempotencyRecords,
  access: accessRecords,
  store: storeRecords,
};
