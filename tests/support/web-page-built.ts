import { buildPageIfStale } from '../../web/build-page.js';

/**
 * Vitest global setup: the web page is built (when web/dist is missing or older than its
 * sources) once, before any test file runs, so no two files build it at the same time.
 */
export default async function setup(): Promise<void> {
  await buildPageIfStale();
}
