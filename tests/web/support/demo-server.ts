import { runCumbriaDemo } from '../../../bench/synthetic/cumbria-demo.js';
import { mintToken } from '../../../src/infrastructure/auth/mint-token.js';
import type { Principal } from '../../../src/infrastructure/auth/principal.js';
import { loadConfig } from '../../../src/infrastructure/config.js';
import { streams } from '../../../src/infrastructure/eventstore/stream-names.js';
import { serve, type Server } from '../../../src/infrastructure/http/serve.js';
import { pageIsStale } from '../../../web/build-page.js';
import { makeTempDir } from '../../support/temp-dir.js';

export const DEMO_SECRET = 'a-secret-for-the-browser-tests-0123456789abcdef';

export type DemoServer = {
  readonly base: string;
  readonly server: Server;
  /** A token as the organisation would issue it (signed with the server's secret). */
  token(who: Principal): Promise<string>;
  /** The API as that caller, outside the browser: what the page's figures are checked against. */
  api(who: Principal, path: string, accept?: string): Promise<Response>;
  close(): Promise<void>;
};

/**
 * The engine as `npm start` runs it in development, on the demo's Cumbria history (bench/demo.ts:
 * 641 cases from 2001, the 2008-09 return of the seed report), serving the built web page.
 */
export async function startDemoServer(): Promise<DemoServer> {
  // Built by the tests' global setup (tests/support/web-page-built.ts).
  if (pageIsStale()) throw new Error('the web page is not built from its current sources: run `npm run build:web`');
  const dir = makeTempDir('web-demo');
  // The return as the seed report prints it: the tests submit it and record late facts themselves.
  await runCumbriaDemo(dir.path, undefined, { submitAndReviseLate: false });
  const config = loadConfig({
    NODE_ENV: 'development', HOST: '127.0.0.1', PORT: '0', MAPPA_LOG_LEVEL: 'silent', MAPPA_JWT_SECRET: DEMO_SECRET,
    MAPPA_STORE: `sqlite:${dir.path}/events.db`, MAPPA_READ_MODELS: `${dir.path}/read-models.db`, MAPPA_DATA_DIR: dir.path,
    MAPPA_RATE_LIMIT_MAX: '100000',
  });
  if (!config.ok) throw new Error(JSON.stringify(config.problems));
  const server = await serve(config.config);
  // The server listens first and its projections catch up in the background (503 meanwhile): the
  // page is opened once they answer from the whole log.
  let last: bigint | undefined;
  for await (const event of server.store.readAll({ streamPrefixes: [streams.casePrefix, streams.areaPrefix] })) last = event.globalPosition;
  if (last !== undefined) await server.projections.caughtUpTo(last, 60_000);
  const address = server.app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
  const token = (who: Principal) => mintToken(who, { secret: DEMO_SECRET });
  return {
    base,
    server,
    token,
    api: async (who, path, accept = 'application/json') => fetch(`${base}${path}`, { headers: { authorization: `Bearer ${await token(who)}`, accept } }),
    close: async () => {
      await server.stop(0);
      dir.remove();
    },
  };
}
