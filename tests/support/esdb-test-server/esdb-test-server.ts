import { Server, ServerCredentials, type UntypedServiceImplementation } from '@grpc/grpc-js';
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { appendHandler } from './append-handler.js';
import { batchAppendHandler } from './batch-append-handler.js';
import { EventLog } from './event-log.js';
import { Faults } from './faults.js';
import { StreamsService } from './proto.js';
import { readHandler } from './read-handler.js';
import { ExpectedVersion } from './recorded-event.js';
import { ServerFeaturesService } from './batch-append-proto.js';
import { serverFeaturesHandler } from './server-features.js';

export type EsdbTestServerOptions = {
  /** 0 (the default) lets the OS choose; `port` reports the choice. */
  readonly port?: number;
  /** EventStoreDB's default MaxAppendSize is 1 MiB. */
  readonly maxAppendSize?: number;
  /** Write the system events a fresh node holds ($settings, the admin user), so $all is never only ours. */
  readonly seedSystemEvents?: boolean;
  readonly now?: () => number;
  /**
   * Serve `ServerFeatures` and `BatchAppend` as a 24.10 node does (the default), so the client
   * appends with BatchAppend as in production; `false` serves neither, as a node before 21.10,
   * and the client falls back to `Append`.
   */
  readonly serverFeatures?: boolean;
  /** EventStoreDB's WriteTimeoutMs: a batch write not done by then is answered Timeout. */
  readonly writeTimeoutMs?: number;
};

const HOST = '127.0.0.1';
const DEFAULT_MAX_APPEND_SIZE = 1_048_576;
const DEFAULT_WRITE_TIMEOUT_MS = 2_000;

/**
 * An in-process stand-in for a single EventStoreDB node: `ServerFeatures` and the `Streams`
 * service's `BatchAppend`, `Append` and `Read` over real gRPC, on the client package's own
 * service definitions. The client appends with `BatchAppend` once `ServerFeatures` lists it, as
 * against a 24.10 node; with `serverFeatures: false` it falls back to `Append`. The log lives
 * outside the gRPC server: `stop()` then `start()` is a restart on the same port with the data kept.
 */
export class EsdbTestServer {
  readonly log: EventLog;
  readonly faults = new Faults();
  /**
   * What the client actually sent: calls per RPC, and for BatchAppend the writes (one per
   * correlation id whose final message arrived), the messages that carried them and the writes
   * refused for their expected version.
   */
  readonly calls = { append: 0, read: 0, serverFeatures: 0, batchAppendWrites: 0, batchAppendMessages: 0, batchAppendConflicts: 0 };
  readonly #maxAppendSize: number;
  readonly #writeTimeoutMs: number;
  readonly #serverFeatures: boolean;
  #port: number;
  #server: Server | undefined;
  #stopping = new AbortController();

  private constructor(options: EsdbTestServerOptions) {
    this.log = new EventLog(options.now);
    this.#port = options.port ?? 0;
    this.#maxAppendSize = options.maxAppendSize ?? DEFAULT_MAX_APPEND_SIZE;
    this.#writeTimeoutMs = options.writeTimeoutMs ?? DEFAULT_WRITE_TIMEOUT_MS;
    this.#serverFeatures = options.serverFeatures ?? true;
    if (options.seedSystemEvents ?? true) seedSystemEvents(this.log);
  }

  static async start(options: EsdbTestServerOptions = {}): Promise<EsdbTestServer> {
    const server = new EsdbTestServer(options);
    await server.start();
    return server;
  }

  get port(): number {
    return this.#port;
  }

  get running(): boolean {
    return this.#server !== undefined;
  }

  get connectionString(): string {
    return `esdb://${HOST}:${this.#port}?tls=false`;
  }

  /** Starts serving; after a stop, on the same port as before. */
  async start(): Promise<void> {
    if (this.#server) return;
    this.#stopping = new AbortController();
    // One listener per open Read call, and a test may hold many at once.
    setMaxListeners(0, this.#stopping.signal);
    const server = new Server();
    const read = readHandler(this.log, () => this.#stopping.signal);
    const append = appendHandler(this.log, this.faults, { maxAppendSize: this.#maxAppendSize, restart: () => void this.restart() });
    const streams: UntypedServiceImplementation = {
      read: (call: Parameters<typeof read>[0]) => {
        this.calls.read += 1;
        return read(call);
      },
      append: (call: Parameters<typeof append>[0], callback: Parameters<typeof append>[1]) => {
        this.calls.append += 1;
        append(call, callback);
      },
    };
    if (this.#serverFeatures) {
      streams['batchAppend'] = batchAppendHandler(this.log, this.faults, {
        maxAppendSize: this.#maxAppendSize,
        writeTimeoutMs: this.#writeTimeoutMs,
        onWrite: () => (this.calls.batchAppendWrites += 1),
        onMessage: () => (this.calls.batchAppendMessages += 1),
        onConflict: () => (this.calls.batchAppendConflicts += 1),
        restart: () => void this.restart(),
      });
      server.addService(ServerFeaturesService, {
        getSupportedMethods: serverFeaturesHandler(() => (this.calls.serverFeatures += 1)),
      });
    }
    server.addService(StreamsService, streams);
    this.#port = await bindWithRetry(server, this.#port);
    this.#server = server;
  }

  /**
   * Drops every connection and call at once, like a killed process: the log is kept, the cache
   * of recent event ids (the only idempotency check of an append at `any`) is lost.
   */
  async stop(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    this.#server = undefined;
    this.#stopping.abort();
    server.forceShutdown();
    this.log.forgetRecentEventIds();
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }
}

/** A port just released can take a moment to be bindable again. */
async function bindWithRetry(server: Server, port: number): Promise<number> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await new Promise<number>((resolve, reject) =>
        server.bindAsync(`${HOST}:${port}`, ServerCredentials.createInsecure(), (error, bound) =>
          error ? reject(error) : resolve(bound),
        ),
      );
    } catch (error) {
      if (port === 0 || attempt >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

function seedSystemEvents(log: EventLog): void {
  const json = (value: unknown) => new Uint8Array(Buffer.from(JSON.stringify(value)));
  const write = (streamName: string, type: string, data: unknown) =>
    log.write(streamName, ExpectedVersion.any, [
      { eventId: randomUUID(), type, contentType: 'application/json', data: json(data), customMetadata: new Uint8Array() },
    ]);
  write('$settings', 'update-default-acl', { $userStreamAcl: { $r: '$all', $w: '$all' }, $systemStreamAcl: { $r: '$admins' } });
  write('$user-admin', '$user', { loginName: 'admin', fullName: 'Event Store Administrator', groups: ['$admins'] });
  write('$users', '$User', 'admin');
}
