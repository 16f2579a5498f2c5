/** The engine's API, same origin, with the signed-in caller's token. */

const TOKEN_KEY = 'mappa.token';
const PURPOSE_KEY = 'mappa.purpose';

/** The pasted (or minted) token is kept for this tab only: sessionStorage, never localStorage or a cookie. */
export const storedToken = () => sessionStorage.getItem(TOKEN_KEY);
export const storeToken = (token: string) => sessionStorage.setItem(TOKEN_KEY, token);
export const forgetToken = () => sessionStorage.removeItem(TOKEN_KEY);

/** Why the reader consults case data (`X-Purpose`, kept in the access log); remembered for the tab. */
export const storedPurpose = () => sessionStorage.getItem(PURPOSE_KEY) ?? '';
export const storePurpose = (purpose: string) => (purpose.trim() === '' ? sessionStorage.removeItem(PURPOSE_KEY) : sessionStorage.setItem(PURPOSE_KEY, purpose.trim()));

export type Problem = { readonly status: number; readonly code: string; readonly title: string; readonly detail: string; readonly errors?: readonly { path: string; message: string }[] };

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
  }
}

/** Told when the API no longer accepts the caller (401), so the page can ask to sign in again. */
let onUnauthenticated: () => void = () => undefined;
export const whenUnauthenticated = (callback: () => void) => {
  onUnauthenticated = callback;
};

type Options = { readonly accept?: string; readonly method?: string; readonly body?: unknown; readonly purpose?: boolean; readonly token?: string | null };

async function call(path: string, options: Options = {}): Promise<Response> {
  const token = options.token !== undefined ? options.token : storedToken();
  const headers: Record<string, string> = { accept: options.accept ?? 'application/json' };
  if (token) headers['authorization'] = `Bearer ${token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const purpose = options.purpose ? storedPurpose() : '';
  if (purpose !== '') headers['x-purpose'] = purpose;
  const response = await fetch(path, {
    method: options.method ?? 'GET',
    headers,
    credentials: 'same-origin',
    cache: 'no-store',
    ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
  });
  if (!response.ok) {
    const problem = (await response.json().catch(() => null)) as Problem | null;
    if (response.status === 401 && options.token === undefined) onUnauthenticated();
    throw new ApiError(problem ?? { status: response.status, code: 'http-error', title: response.statusText, detail: `the API answered ${response.status}` });
  }
  return response;
}

export async function getJson<T>(path: string, options: Options = {}): Promise<T> {
  return (await call(path, options)).json() as Promise<T>;
}

export async function getText(path: string, accept: string): Promise<string> {
  return (await call(path, { accept })).text();
}

export async function postJson<T>(path: string, body: unknown, options: Omit<Options, 'body' | 'method'> = {}): Promise<T> {
  return (await call(path, { ...options, method: 'POST', body })).json() as Promise<T>;
}

/** A path with its query, leaving out empty values. */
export function withQuery(path: string, params: Readonly<Record<string, string | number | boolean | undefined | null>>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
  const text = query.toString();
  return text === '' ? path : `${path}?${text}`;
}

export const describeError = (error: unknown) =>
  error instanceof ApiError ? `${error.problem.title}: ${error.problem.detail} (${error.problem.status})` : error instanceof Error ? error.message : String(error);
