import { createPublicKey, type KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * The one configuration of the engine, read once from the environment at start-up and
 * validated here, so nothing else reads `process.env`. Every variable is listed in README.md
 * ("Configuration"). An invalid value is reported by variable name only: no value is ever
 * echoed back, so a mistyped secret cannot end up in a terminal or a log (docs/CHECKS.md O2).
 */

export const NODE_ENVS = ['production', 'development', 'test'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type StoreLocation =
  | { readonly kind: 'memory' }
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'eventstoredb'; readonly connectionString: string };

/** Where the subjects' data keys are kept (docs/DOMAIN.md section 13): never in the log, which cannot forget. */
export type KeyStoreLocation = { readonly kind: 'memory' } | { readonly kind: 'sqlite'; readonly path: string };

/** How tokens are verified: a shared HS256 secret, or a public key (RS256 / ES256 / EdDSA). */
export type JwtKeyConfig =
  | { readonly kind: 'secret'; readonly secret: string }
  | { readonly kind: 'public-key'; readonly key: KeyObject; readonly algorithm: 'RS256' | 'ES256' | 'EdDSA' }
  /** Outside production only: a secret generated into the data directory on first start. */
  | { readonly kind: 'local-dev-secret' };

export type Config = {
  readonly env: NodeEnv;
  readonly host: string;
  readonly port: number;
  readonly store: StoreLocation;
  readonly dataDir: string;
  /** The SQLite file of the read models (projections), or `:memory:` beside an in-memory store. */
  readonly readModels: string;
  /** The key store of personal data: `<dataDir>/mappa-keys.db` by default, memory beside an in-memory store. */
  readonly keyStore: KeyStoreLocation;
  readonly jwt: {
    readonly key: JwtKeyConfig;
    readonly issuer: string | undefined;
    readonly audience: string | undefined;
  };
  readonly logLevel: LogLevel;
  readonly bodyLimitBytes: number;
  readonly rateLimit: { readonly max: number; readonly windowMs: number };
  readonly shutdown: { readonly drainMs: number; readonly timeoutMs: number };
  /** How long `/audit` waits for the access log's index to hold every record already written, before 503. */
  readonly auditWaitMs: number;
  /**
   * How long a client may take: the request line and headers (`headersMs`), the whole request
   * with its body (`requestMs`; a body trickled byte by byte ends there with 408), and a
   * connection sending nothing before its request is in, or between requests (`idleMs`, then it
   * is closed). The work of a request that has arrived is not timed.
   */
  readonly timeouts: { readonly headersMs: number; readonly requestMs: number; readonly idleMs: number };
};

export type ConfigProblem = { readonly variable: string; readonly message: string };
export type ConfigResult = { readonly ok: true; readonly config: Config } | { readonly ok: false; readonly problems: readonly ConfigProblem[] };

const integer = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, { message: `must be a whole number from ${min} to ${max}` })
    .transform(Number)
    .pipe(z.number().int().min(min, { message: `must be at least ${min}` }).max(max, { message: `must be at most ${max}` }));

export const storeLocation = z.string().transform((value, ctx): StoreLocation => {
  if (value === 'memory') return { kind: 'memory' };
  if (value.startsWith('sqlite:') && value.length > 'sqlite:'.length) return { kind: 'sqlite', path: value.slice('sqlite:'.length) };
  if (/^esdb(\+discover)?:\/\/./.test(value)) return { kind: 'eventstoredb', connectionString: value };
  ctx.addIssue({ code: 'custom', message: 'must be `memory`, `sqlite:<path>` or an `esdb://` connection string' });
  return z.NEVER;
});

const keyStoreLocation = z.string().transform((value, ctx): KeyStoreLocation => {
  if (value === 'memory') return { kind: 'memory' };
  if (value.startsWith('sqlite:') && value.length > 'sqlite:'.length) return { kind: 'sqlite', path: value.slice('sqlite:'.length) };
  ctx.addIssue({ code: 'custom', message: 'must be `memory` or `sqlite:<path>`' });
  return z.NEVER;
});

// Environment values are strings; an empty one counts as unset, as shells and .env files write them.
const optional = <S extends z.ZodType>(schema: S) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

const environment = z.object({
  NODE_ENV: optional(z.enum(NODE_ENVS, { message: `must be one of ${NODE_ENVS.join(', ')}` })),
  HOST: optional(z.string().min(1)),
  PORT: optional(integer(0, 65535)),
  MAPPA_STORE: optional(storeLocation),
  MAPPA_DATA_DIR: optional(z.string().min(1)),
  MAPPA_READ_MODELS: optional(z.string().min(1)),
  MAPPA_KEY_STORE: optional(keyStoreLocation),
  MAPPA_JWT_SECRET: optional(z.string().min(32, { message: 'must be at least 32 characters long' }).max(4096, { message: 'is too long' })),
  MAPPA_JWT_PUBLIC_KEY: optional(z.string()),
  MAPPA_JWT_ISSUER: optional(z.string().min(1).max(500)),
  MAPPA_JWT_AUDIENCE: optional(z.string().min(1).max(500)),
  MAPPA_LOG_LEVEL: optional(z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` })),
  MAPPA_BODY_LIMIT_BYTES: optional(integer(1024, 10 * 1024 * 1024)),
  MAPPA_RATE_LIMIT_MAX: optional(integer(1, 10_000_000)),
  MAPPA_RATE_LIMIT_WINDOW_MS: optional(integer(1000, 24 * 3600 * 1000)),
  MAPPA_SHUTDOWN_DRAIN_MS: optional(integer(0, 120_000)),
  MAPPA_SHUTDOWN_TIMEOUT_MS: optional(integer(1000, 600_000)),
  MAPPA_AUDIT_WAIT_MS: optional(integer(0, 60_000)),
  MAPPA_HEADERS_TIMEOUT_MS: optional(integer(100, 600_000)),
  MAPPA_REQUEST_TIMEOUT_MS: optional(integer(100, 3_600_000)),
  MAPPA_IDLE_TIMEOUT_MS: optional(integer(100, 3_600_000)),
});

export const CONFIG_VARIABLES = Object.keys(environment.shape) as readonly string[];

export const DEFAULTS = {
  port: 3000,
  store: 'sqlite:./data/mappa.db',
  dataDir: './data',
  logLevel: 'info',
  bodyLimitBytes: 64 * 1024,
  rateLimitMax: 600,
  rateLimitWindowMs: 60_000,
  shutdownDrainMs: 1000,
  shutdownTimeoutMs: 25_000,
  auditWaitMs: 2000,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  idleTimeoutMs: 60_000,
} as const;

/** Reads and validates the configuration. Pure: no file is read or written here. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): ConfigResult {
  const parsed = environment.safeParse(Object.fromEntries(CONFIG_VARIABLES.map((name) => [name, env[name]])));
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? 'environment'), message: issue.message })),
    };
  }
  const vars = parsed.data;
  const nodeEnv = vars.NODE_ENV ?? 'development';
  const production = nodeEnv === 'production';
  const problems: ConfigProblem[] = [];

  const store = vars.MAPPA_STORE ?? (storeLocation.parse(DEFAULTS.store) as StoreLocation);
  if (production && store.kind === 'memory') {
    problems.push({ variable: 'MAPPA_STORE', message: 'memory keeps nothing across restarts and is refused in production' });
  }

  const dataDir = vars.MAPPA_DATA_DIR ?? DEFAULTS.dataDir;
  const keyStore: KeyStoreLocation = vars.MAPPA_KEY_STORE ?? (store.kind === 'memory' ? { kind: 'memory' } : { kind: 'sqlite', path: join(dataDir, 'mappa-keys.db') });
  if (keyStore.kind === 'memory' && store.kind !== 'memory') {
    problems.push({ variable: 'MAPPA_KEY_STORE', message: 'memory forgets every key at restart, and a durable log would then hold personal data no one can open: give `sqlite:<path>`' });
  }

  const timeouts = {
    headersMs: vars.MAPPA_HEADERS_TIMEOUT_MS ?? DEFAULTS.headersTimeoutMs,
    requestMs: vars.MAPPA_REQUEST_TIMEOUT_MS ?? DEFAULTS.requestTimeoutMs,
    idleMs: vars.MAPPA_IDLE_TIMEOUT_MS ?? DEFAULTS.idleTimeoutMs,
  };
  if (timeouts.headersMs > timeouts.requestMs) {
    problems.push({ variable: 'MAPPA_HEADERS_TIMEOUT_MS', message: 'must not be longer than MAPPA_REQUEST_TIMEOUT_MS (the headers are part of the request)' });
  }

  const key = jwtKey(vars.MAPPA_JWT_SECRET, vars.MAPPA_JWT_PUBLIC_KEY, production, problems);
  if (problems.length > 0 || key === undefined) return { ok: false, problems };

  return {
    ok: true,
    config: {
      env: nodeEnv,
      // Outside production the API listens on loopback only, so a laptop running `npm start`
      // does not publish case data to its network; in production, on every interface.
      host: vars.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
      port: vars.PORT ?? DEFAULTS.port,
      store,
      dataDir,
      // Read models are disposable: beside an in-memory store they live in memory too.
      readModels: vars.MAPPA_READ_MODELS ?? (store.kind === 'memory' ? ':memory:' : join(dataDir, 'read-models.db')),
      keyStore,
      jwt: { key, issuer: vars.MAPPA_JWT_ISSUER, audience: vars.MAPPA_JWT_AUDIENCE },
      logLevel: vars.MAPPA_LOG_LEVEL ?? DEFAULTS.logLevel,
      bodyLimitBytes: vars.MAPPA_BODY_LIMIT_BYTES ?? DEFAULTS.bodyLimitBytes,
      rateLimit: {
        max: vars.MAPPA_RATE_LIMIT_MAX ?? DEFAULTS.rateLimitMax,
        windowMs: vars.MAPPA_RATE_LIMIT_WINDOW_MS ?? DEFAULTS.rateLimitWindowMs,
      },
      shutdown: {
        drainMs: vars.MAPPA_SHUTDOWN_DRAIN_MS ?? DEFAULTS.shutdownDrainMs,
        timeoutMs: vars.MAPPA_SHUTDOWN_TIMEOUT_MS ?? DEFAULTS.shutdownTimeoutMs,
      },
      auditWaitMs: vars.MAPPA_AUDIT_WAIT_MS ?? DEFAULTS.auditWaitMs,
      timeouts,
    },
  };
}

function jwtKey(secret: string | undefined, publicKeyPem: string | undefined, production: boolean, problems: ConfigProblem[]): JwtKeyConfig | undefined {
  if (secret !== undefined && publicKeyPem !== undefined) {
    problems.push({ variable: 'MAPPA_JWT_PUBLIC_KEY', message: 'set only one of MAPPA_JWT_SECRET and MAPPA_JWT_PUBLIC_KEY' });
    return undefined;
  }
  if (secret !== undefined) return { kind: 'secret', secret };
  if (publicKeyPem !== undefined) {
    const key = publicKey(publicKeyPem);
    if (typeof key === 'string') {
      problems.push({ variable: 'MAPPA_JWT_PUBLIC_KEY', message: key });
      return undefined;
    }
    return key;
  }
  if (production) {
    problems.push({ variable: 'MAPPA_JWT_SECRET', message: 'production needs MAPPA_JWT_SECRET (HS256) or MAPPA_JWT_PUBLIC_KEY (PEM) to verify tokens' });
    return undefined;
  }
  return { kind: 'local-dev-secret' };
}

/** A PEM public key and the one algorithm it verifies; a message when it is not usable. */
function publicKey(pem: string): JwtKeyConfig | string {
  let key: KeyObject;
  try {
    // Environment files often carry a PEM on one line with literal \n.
    key = createPublicKey(pem.includes('\\n') ? pem.replaceAll('\\n', '\n') : pem);
  } catch {
    return 'must be a PEM-encoded public key (SPKI, "-----BEGIN PUBLIC KEY-----")';
  }
  if (key.asymmetricKeyType === 'rsa') {
    return (key.asymmetricKeyDetails?.modulusLength ?? 0) >= 2048
      ? { kind: 'public-key', key, algorithm: 'RS256' }
      : 'an RSA key must have at least 2048 bits';
  }
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return { kind: 'public-key', key, algorithm: 'ES256' };
  if (key.asymmetricKeyType === 'ed25519') return { kind: 'public-key', key, algorithm: 'EdDSA' };
  return 'must be an RSA (2048 bits or more), EC P-256 or Ed25519 public key';
}

/** One line per problem, naming the variable and never its value. */
export function describeConfigProblems(problems: readonly ConfigProblem[]): string {
  return ['invalid configuration:', ...problems.map((p) => `  ${p.variable}: ${p.message}`)].join('\n');
}
