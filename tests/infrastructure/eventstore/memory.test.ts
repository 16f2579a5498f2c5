import { openMemoryEventStore } from '../../../src/infrastructure/eventstore/memory.js';
import { describeEventStoreContract } from './contract.js';

describeEventStoreContract('memory', async () => {
  const store = openMemoryEventStore();
  return { store, dispose: () => store.close() };
});
