import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { describeError, whenUnauthenticated } from './api.js';
import { pagesFor, type Session } from './model/roles.js';
import type { Route } from './model/route.js';
import { navigate, useRoute } from './router.js';
import { CasePage } from './pages/case-page.js';
import { CaseloadPage } from './pages/caseload-page.js';
import { ReturnsExplorer } from './pages/returns-explorer.js';
import { SignInPage } from './pages/sign-in-page.js';
import { restoreSession, signOut, type SignedIn } from './session.js';
import { words } from './format.js';

const TITLES: Record<Route['page'], string> = {
  home: 'MAPPA engine', 'sign-in': 'Sign in', returns: 'Annual returns', caseload: 'Caseload', case: 'Case', 'not-found': 'Page not found',
};

export function App() {
  const route = useRoute();
  const [session, setSession] = useState<SignedIn | null | undefined>(undefined);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    whenUnauthenticated(() => setSession(null));
    restoreSession().then(setSession, (error: unknown) => setFailure(describeError(error)));
  }, []);

  const opened = useRef(false);
  useEffect(() => {
    document.title = `${TITLES[route.page]} – MAPPA engine`;
    // On moving to another page (not on opening this one), focus goes to its content, so a screen reader starts there.
    if (opened.current) document.getElementById('main')?.focus({ preventScroll: true });
    opened.current = true;
  }, [route.page]);

  if (failure !== null) return <Shell session={null} route={route}><p role="alert" class="error">The engine could not be reached: {failure}</p></Shell>;
  if (session === undefined) return <Shell session={null} route={route}><p role="status">Checking who you are…</p></Shell>;
  if (session === null) return <Shell session={null} route={route}><SignInPage onSignedIn={(s) => { setSession(s); navigate({ page: 'home' }, { replace: true }); }} /></Shell>;
  return (
    <Shell session={session} route={route} onSignOut={() => { signOut(); setSession(null); navigate({ page: 'sign-in' }); }}>
      <Page route={route} session={session} />
    </Shell>
  );
}

function Page({ route, session }: { route: Route; session: Session }) {
  const offered = pagesFor(session.role);
  switch (route.page) {
    case 'home':
    case 'sign-in':
      if (offered.includes('returns')) return <Redirect to={{ page: 'returns' }} />;
      if (offered.includes('caseload')) return <Redirect to={{ page: 'caseload' }} />;
      return <NothingForRole session={session} />;
    case 'returns':
      return offered.includes('returns') ? <ReturnsExplorer route={route} session={session} /> : <NotForRole session={session} what="Annual returns" />;
    case 'caseload':
      return offered.includes('caseload') ? <CaseloadPage route={route} session={session} /> : <NotForRole session={session} what="The caseload" />;
    case 'case':
      // Nothing is asked of the API for a role that may not read cases: the page is not offered at all.
      return offered.includes('case') ? <CasePage route={route} session={session} /> : <NotForRole session={session} what="Case pages" />;
    case 'not-found':
      return <><h1>Page not found</h1><p>There is nothing at <code>{route.path}</code>. <a href="#/">Go to the start</a>.</p></>;
    default: {
      const never: never = route;
      return never;
    }
  }
}

function Redirect({ to }: { to: Route }) {
  useEffect(() => navigate(to, { replace: true }), []);
  return <p role="status">Opening…</p>;
}

function NotForRole({ session, what }: { session: Session; what: string }) {
  return (
    <section class="not-for-role">
      <h1>Not available</h1>
      <p>{what} are not available to the {session.role} role. Analysts see returns and caseload counts, never case-level data.</p>
    </section>
  );
}

function NothingForRole({ session }: { session: Session }) {
  return (
    <section>
      <h1>Nothing on this page for the {session.role} role</h1>
      <p>This page serves analysts, coordinators and reviewers. The API and its documentation are at <a href="/docs">/docs</a>.</p>
    </section>
  );
}

function Shell({ session, route, onSignOut, children }: { session: SignedIn | null; route: Route; onSignOut?: () => void; children: ComponentChildren }) {
  const offered = session ? pagesFor(session.role) : [];
  const current = (page: Route['page']) => (route.page === page ? { 'aria-current': 'page' as const } : {});
  const skip = (event: MouseEvent) => {
    event.preventDefault();
    document.getElementById('main')?.focus();
  };
  return (
    <>
      <a class="skip-link" href="#main" onClick={skip}>Skip to content</a>
      <header class="masthead">
        <span class="brand">MAPPA engine</span>
        {offered.length > 0 && (
          <nav aria-label="Pages">
            <ul>
              {offered.includes('returns') && <li><a href="#/returns" {...current('returns')}>Annual returns</a></li>}
              {offered.includes('caseload') && <li><a href="#/caseload" {...current('caseload')}>Caseload</a></li>}
            </ul>
          </nav>
        )}
        {session && (
          <div class="who">
            <span>
              Signed in as <strong>{session.sub}</strong> ({session.role}, {words(session.agency)}; {session.areas.includes('*') ? 'every area' : session.areas.map(words).join(', ')})
              {session.via === 'proxy' && ' by your organisation'}
            </span>
            {session.via === 'token' && onSignOut && <button type="button" onClick={onSignOut}>Sign out</button>}
          </div>
        )}
      </header>
      <main id="main" tabIndex={-1}>{children}</main>
    </>
  );
}
