import { useEffect, useState } from 'preact/hooks';
import { hashOf, parseHash, type Route } from './model/route.js';

/** Goes to a place of the page (its URL fragment); `replace` leaves no history entry behind. */
export function navigate(route: Route, options: { readonly replace?: boolean } = {}): void {
  const hash = hashOf(route);
  if (hash === location.hash) return;
  if (options.replace) history.replaceState(null, '', hash);
  else history.pushState(null, '', hash);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const changed = () => setRoute(parseHash(location.hash));
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
  }, []);
  return route;
}
