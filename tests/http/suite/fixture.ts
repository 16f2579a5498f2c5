import { afterEach, beforeEach } from 'vitest';
import type { EventStore } from '../../../src/infrastructure/eventstore/eventstore.js';
import { startApi, type ApiOptions, type TestApi } from '../support/api.js';
import type { OpenHttpStore } from '../support/http-stores.js';

export type ApiUnderTest = {
  /** The API of the current test, on a fresh store. */
  readonly api: TestApi;
  /** Another API for this test on a fresh store of the same kind, e.g. with other limits or a faulty store. */
  start(options?: Omit<ApiOptions, 'store'> & { readonly wrap?: (store: EventStore) => EventStore }): Promise<TestApi>;
};

export function useApi(open: OpenHttpStore): ApiUnderTest {
  let current: TestApi | undefined;
  const cleanups: (() => Promise<void>)[] = [];

  const start: ApiUnderTest['start'] = async (options = {}) => {
    const { store, dispose } = await open();
    const api = await startApi({ ...options, store: options.wrap ? options.wrap(store) : store });
    cleanups.push(async () => {
      await api.close();
      await dispose();
    });
    return api;
  };

  beforeEach(async () => {
    current = await start();
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  return {
    get api() {
      if (current === undefined) throw new Error('no API: useApi() runs in beforeEach');
      return current;
    },
    start,
  };
}
