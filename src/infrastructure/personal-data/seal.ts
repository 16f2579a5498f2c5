import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { DataKey } from './subject-keys.js';

/** The stored form of a sealed value: `{ sealed: "a1.<base64url of iv, ciphertext, tag>" }`. */
export type Sealed = { readonly sealed: string };

const PREFIX = 'a1.';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** IVs are cut from a block of random bytes: one call for the RNG per 340 seals rather than per seal. */
const IV_BLOCK_BYTES = 4080;
let ivBlock = Buffer.alloc(0);
let ivOffset = 0;

/** A fresh random IV; a new block is drawn rather than the old one refilled, so IVs handed out never change. */
function freshIv(): Buffer {
  if (ivOffset + IV_BYTES > ivBlock.length) {
    ivBlock = randomBytes(IV_BLOCK_BYTES);
    ivOffset = 0;
  }
  ivOffset += IV_BYTES;
  return ivBlock.subarray(ivOffset - IV_BYTES, ivOffset);
}

/**
 * AES-256-GCM of the value's JSON under the subject's key. The case id is the additional
 * authenticated data: a sealed value copied into another case's stream does not open there.
 */
export function seal(key: DataKey, caseId: string, value: unknown): Sealed {
  const iv = freshIv();
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(caseId, 'utf8'));
  const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return { sealed: PREFIX + Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url') };
}

/** The value a sealed form holds; throws when the key, the case or the bytes are not the ones sealed. */
export function open(key: DataKey, caseId: string, sealed: Sealed): unknown {
  if (!sealed.sealed.startsWith(PREFIX)) throw new Error('unknown sealed form');
  const bytes = Buffer.from(sealed.sealed.slice(PREFIX.length), 'base64url');
  if (bytes.length < IV_BYTES + TAG_BYTES) throw new Error('sealed value too short');
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(caseId, 'utf8'));
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
  const plain = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]);
  return JSON.parse(plain.toString('utf8'));
}

export const isSealed = (value: unknown): value is Sealed =>
  typeof value === 'object' && value !== null && typeof (value as { sealed?: unknown }).sealed === 'string';
