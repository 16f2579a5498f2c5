import { UUID, type UUIDMessage, type UUIDOptionMessage } from './proto.js';

const MASK_64 = (1n << 64n) - 1n;

/** Guid.Parse's common forms: plain, without dashes, in braces or parentheses. */
const GUID = /^[{(]?([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})[)}]?$/i;

/**
 * Reads either wire form of a UUID (string, or two signed 64-bit halves) as the server's
 * canonical lower-case string; undefined when it is not a UUID at all.
 */
export function uuidFromMessage(message: UUIDMessage | undefined): string | undefined {
  if (message === undefined) return undefined;
  if (message.hasString()) {
    const parts = GUID.exec(message.getString());
    return parts === null ? undefined : parts.slice(1).join('-').toLowerCase();
  }
  if (!message.hasStructured()) return undefined;
  const structured = message.getStructured()!;
  const most = BigInt(structured.getMostSignificantBits()) & MASK_64;
  const least = BigInt(structured.getLeastSignificantBits()) & MASK_64;
  const hex = ((most << 64n) | least).toString(16).padStart(32, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Writes a UUID in the form the read request asked for (`uuid_option`). */
export function uuidToMessage(id: string, option: UUIDOptionMessage | undefined): UUIDMessage {
  const message = new UUID();
  if (option?.hasStructured()) {
    const value = BigInt(`0x${id.replaceAll('-', '')}`);
    const structured = new UUID.Structured();
    structured.setMostSignificantBits(BigInt.asIntN(64, value >> 64n).toString());
    structured.setLeastSignificantBits(BigInt.asIntN(64, value & MASK_64).toString());
    message.setStructured(structured);
  } else {
    message.setString(id);
  }
  return message;
}
