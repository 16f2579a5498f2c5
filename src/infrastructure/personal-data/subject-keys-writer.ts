import { parentPort, workerData } from 'node:worker_threads';
import { newDataKey } from './subject-keys.js';
import { openKeyStore, selectKey, type KeyRow } from './subject-keys-schema.js';

/** The key store's writer thread (subject-keys-sqlite.ts sends it the case ids needing a key). */
export type KeyWriterData = { readonly path: string };
export type KeyBatch = { readonly id: number; readonly caseIds: readonly string[] };
export type KeyBatchMade =
  | { readonly id: number; readonly ok: true; readonly rows: readonly KeyRow[] }
  | { readonly id: number; readonly ok: false; readonly error: string };

const { path } = workerData as KeyWriterData;
const port = parentPort!;
const db = openKeyStore(path);
const insert = db.prepare<[string, Buffer]>('INSERT INTO subject_keys (case_id, key) VALUES (?, ?) ON CONFLICT (case_id) DO NOTHING');
const select = selectKey(db);

/**
 * One transaction, hence one fsync, for every key asked for together. Immediate: two processes
 * making the first key of one case both get the one that was kept (the row read back).
 */
const makeKeys = db.transaction((caseIds: readonly string[]) =>
  caseIds.map((caseId) => {
    insert.run(caseId, newDataKey());
    return select.get(caseId)!;
  }),
);

port.on('message', ({ id, caseIds }: KeyBatch) => {
  let made: KeyBatchMade;
  try {
    made = { id, ok: true, rows: makeKeys.immediate(caseIds) };
  } catch (error) {
    made = { id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(made);
});
port.on('close', () => db.close());
