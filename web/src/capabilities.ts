/**
 * What this engine's API offers, read from its own OpenAPI document: the page shows a feature
 * only when the API lists its route (the development sign-in, the revisions of a return), and
 * never imitates one that is absent.
 */
let paths: Promise<ReadonlySet<string>> | undefined;

export function apiPaths(): Promise<ReadonlySet<string>> {
  paths ??= fetch('/docs/json', { headers: { accept: 'application/json' } })
    .then((r) => (r.ok ? (r.json() as Promise<{ paths?: Record<string, unknown> }>) : { paths: {} }))
    .then((doc) => new Set(Object.keys(doc.paths ?? {})))
    .catch(() => new Set<string>());
  return paths;
}

export async function apiOffers(path: string): Promise<boolean> {
  return (await apiPaths()).has(path);
}
