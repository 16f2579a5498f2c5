import type { FastifyInstance } from 'fastify';
import { problem, ProblemError, type FieldError } from './problem.js';

/** Request bodies are small documents; anything nested deeper is refused before any schema sees it. */
const MAX_BODY_DEPTH = 32;

type Frame = { readonly value: unknown; readonly path: readonly string[] };

/**
 * Keys that could reach an object's prototype if the body were ever merged into another
 * object (`__proto__`, `constructor.prototype`), and nesting past MAX_BODY_DEPTH. Walked
 * with an explicit stack: a hostile body cannot exhaust the call stack.
 */
function unsafeField(root: unknown): FieldError | null {
  const stack: Frame[] = [{ value: root, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (path.length >= MAX_BODY_DEPTH) return { path: path.join('.'), message: `nests deeper than ${MAX_BODY_DEPTH} levels` };
    if (Array.isArray(value)) {
      value.forEach((item, index) => stack.push({ value: item, path: [...path, String(index)] }));
      continue;
    }
    for (const key of Object.keys(value)) {
      const child = (value as Record<string, unknown>)[key];
      if (key === '__proto__' || (key === 'constructor' && child !== null && typeof child === 'object' && 'prototype' in child)) {
        return { path: [...path, key].join('.'), message: 'is a forbidden key' };
      }
      stack.push({ value: child, path: [...path, key] });
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
