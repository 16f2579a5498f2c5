/** The page's places, kept in the URL's fragment so that back, forward and links work and nothing reaches the server. */
export type Route =
  | { readonly page: 'home' }
  | { readonly page: 'sign-in' }
  | { readonly page: 'returns'; readonly area?: string; readonly year?: string; readonly format?: string; readonly knownAt?: string; readonly row?: string }
  | { readonly page: 'caseload'; readonly area?: string; readonly category?: string; readonly level?: string; readonly leadAgency?: string; readonly flag?: string }
  | { readonly page: 'case'; readonly caseId: string; readonly asOf?: string; readonly knownAt?: string }
  | { readonly page: 'not-found'; readonly path: string };

const PARAMS = {
  returns: ['area', 'year', 'format', 'knownAt', 'row'],
  caseload: ['area', 'category', 'level', 'leadAgency', 'flag'],
  case: ['asOf', 'knownAt'],
} as const;

function paramsOf(query: URLSearchParams, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = query.get(name);
    if (value !== null && value !== '') out[name] = value;
  }
  return out;
}

export function parseHash(hash: string): Route {
  const text = hash.replace(/^#/, '');
  const [path = '', search = ''] = text.split('?', 2);
  const query = new URLSearchParams(search);
  if (path === '' || path === '/') return { page: 'home' };
  if (path === '/sign-in') return { page: 'sign-in' };
  if (path === '/returns') return { page: 'returns', ...paramsOf(query, PARAMS.returns) };
  if (path === '/caseload') return { page: 'caseload', ...paramsOf(query, PARAMS.caseload) };
  const caseMatch = /^\/cases\/([^/]+)$/.exec(path);
  if (caseMatch) {
    let caseId: string;
    try {
      caseId = decodeURIComponent(caseMatch[1]!);
    } catch {
      return { page: 'not-found', path };
    }
    return { page: 'case', caseId, ...paramsOf(query, PARAMS.case) };
  }
  return { page: 'not-found', path };
}

export function hashOf(route: Route): string {
  const withQuery = (path: string, params: Record<string, string | undefined>) => {
    const query = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''));
    const text = query.toString();
    return `#${path}${text === '' ? '' : `?${text}`}`;
  };
  switch (route.page) {
    case 'home':
      return '#/';
    case 'sign-in':
      return '#/sign-in';
    case 'returns': {
      const { page: _, ...params } = route;
      return withQuery('/returns', params);
    }
    case 'caseload': {
      const { page: _, ...params } = route;
      return withQuery('/caseload', params);
    }
    case 'case': {
      const { page: _, caseId, ...params } = route;
      return withQuery(`/cases/${encodeURIComponent(caseId)}`, params);
    }
    case 'not-found':
      return `#${route.path}`;
    default: {
      const never: never = route;
      return never;
    }
  }
}
