import { openMemoryEventStore } from '../../../src/infrastructure/eventstore/memory.js';
import { describeEventStoreContract } from './contract.js';
import { describeGlobalEventIdUniqueness } from './contract/global-event-ids.js';

const openMemory = async () => {
  const store = openMemoryEventStore();
  return { store, dispose: () => store.close() };
};

describeEventStoreContract('memory', openMemory);
describeGlobalEventIdUniqueness('memory', openMemory);
