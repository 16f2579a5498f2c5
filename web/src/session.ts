import { ApiError, forgetToken, getJson, storedToken, storeToken } from './api.js';
import type { Session } from './model/roles.js';

/** How the caller is signed in: a token kept in this tab, or a proxy in front of the engine that adds one to every request. */
export type SignedIn = Session & { readonly via: 'token' | 'proxy' };

/** Who a token is, as the API verifies it; the token is kept for the tab only once the API accepts it. */
export async function signInWith(token: string): Promise<SignedIn> {
  const trimmed = token.trim().replace(/^Bearer\s+/i, '');
  const session = await getJson<Session>('/session', { token: trimmed });
  storeToken(trimmed);
  return { ...session, via: 'token' };
}

/**
 * On opening the page: the token kept in this tab, if the API still accepts it; else whatever
 * a proxy in front of the engine sends for this browser (an OpenID Connect proxy adds the
 * bearer token itself); else nobody.
 */
export async function restoreSession(): Promise<SignedIn | null> {
  const token = storedToken();
  if (token !== null) {
    try {
      return { ...(await getJson<Session>('/session', { token })), via: 'token' };
    } catch (error) {
      if (!(error instanceof ApiError) || error.problem.status !== 401) throw error;
      forgetToken();
    }
  }
  try {
    return { ...(await getJson<Session>('/session', { token: null })), via: 'proxy' };
  } catch (error) {
    if (error instanceof ApiError && error.problem.status === 401) return null;
    throw error;
  }
}

export function signOut(): void {
  forgetToken();
}
