import { resolve } from 'node:path';
import type { StoreLocation } from '../config.js';

/** Where the store is, for a message to an operator: the file's full path; never a connection string (it may hold a password). */
export function describeStoreLocation(location: StoreLocation): string {
  switch (location.kind) {
    case 'memory':
      return 'memory';
    case 'sqlite':
      return `sqlite:${resolve(location.path)}`;
    case 'eventstoredb':
      return 'an EventStoreDB connection string';
    default: {
      const unknown: never = location;
      throw new Error(`unknown store ${(unknown as StoreLocation).kind}`);
    }
  }
}
