import type { FastifyInstance } from 'fastify';
import { problem, ProblemError, type FieldError } from './problem.js';

/** Request bodies are small documents; anything nested deeper is refused before any schema sees it. */
const MAX_BODY_DEPTH = 32;

/** A value met in the walk, and how it was reached: the path is spelled out only for a refusal. */
type Frame = { readonly value: unknown; readonly key: string; readonly parent: Frame | undefined; readonly depth: number };

const pathOf = (frame: Frame): string => {
  const keys: string[] = [];
  for (let f: Frame | undefined = frame; f?.parent !== undefined; f = f.parent) keys.push(f.key);
  return keys.reverse().join('.');
};

/**
 * Keys that could reach an object's prototype if the body were ever merged into another
 * object (`__proto__`, `constructor.prototype`), and nesting past MAX_BODY_DEPTH. Walked
 * with an explicit stack: a hostile body cannot exhaust the call stack.
 */
function unsafeField(root: unknown): FieldError | null {
  const stack: Frame[] = [{ value: root, key: '', parent: undefined, depth: 0 }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const { value, depth } = frame;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_BODY_DEPTH) return { path: pathOf(frame), message: `nests deeper than ${MAX_BODY_DEPTH} levels` };
    if (Array.isArray(value)) {
      value.forEach((item, index) => stack.push({ value: item, key: String(index), parent: frame, depth: depth + 1 }));
      continue;
    }
    for (const key of Object.keys(value)) {
      const child = (value as Record<string, unknown>)[key];
      if (key === '__proto__' || (key === 'constructor' && child !== null && typeof child === 'object' && 'prototype' in child)) {
        return { path: pathOf({ value: child, key, parent: frame, depth: depth + 1 }), message: 'is a forbidden key' };
      }
      if (child !== null && typeof child === 'object') stack.push({ value: child, key, parent: frame, depth: depth + 1 });
    }
  }
  return null;
}

/**
 * The API takes `application/json` bodies only (anything else is 415), no larger than the
 * body limit (413), parsed without prototype tricks (400 naming the key).
 */
export function registerJsonBody(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(new ProblemError(problem(400, 'invalid-json', 'the body is empty; send a JSON document')), undefined);
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      done(new ProblemError(problem(400, 'invalid-json', 'the body is not valid JSON')), undefined);
      return;
    }
    const unsafe = unsafeField(value);
    if (unsafe !== null) {
      done(new ProblemError(problem(400, 'invalid-request', `the body is not valid: ${unsafe.path}: ${unsafe.message}`, { errors: [unsafe] })), undefined);
      return;
    }
    done(null, value);
  });
}
