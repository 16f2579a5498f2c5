import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.js';
import type { TokenSettings } from './verify-token.js';

const LOCAL_SECRET_FILE = 'jwt-secret';

export function localSecretPath(dataDir: string): string {
  return join(dataDir, LOCAL_SECRET_FILE);
}

/**
 * Outside production, with no key configured, `npm start` and `mappa token` share a secret
 * generated on first use into the data directory, readable by its owner only (0600).
 */
export function ensureLocalSecret(dataDir: string): string {
  const path = localSecretPath(dataDir);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    // 'wx': create only if absent, so two processes starting together agree on one secret.
    const fd = openSync(path, 'wx', 0o600);
    try {
      writeSync(fd, `${randomBytes(48).toString('base64url')}\n`);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const secret = readFileSync(path, 'utf8').trim();
  if (secret.length < 32) throw new Error(`the local token secret in ${path} is too short; delete the file to generate a new one`);
  return secret;
}

/** The HS256 secret tokens are signed with, when this engine holds one (not with a public key). */
export function signingSecret(config: Config): string | undefined {
  const key = config.jwt.key;
  if (key.kind === 'secret') return key.secret;
  if (key.kind === 'local-dev-secret') return ensureLocalSecret(config.dataDir);
  return undefined;
}

/** How the HTTP API verifies bearer tokens under this configuration. */
export function tokenSettings(config: Config): TokenSettings {
  const key = config.jwt.key;
  const verification =
    key.kind === 'public-key'
      ? { algorithm: key.algorithm, key: key.key }
      : { algorithm: 'HS256' as const, key: new TextEncoder().encode(signingSecret(config)) };
  return { verification, issuer: config.jwt.issuer, audience: config.jwt.audience };
}
