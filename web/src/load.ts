import { useEffect, useState } from 'preact/hooks';
import { describeError } from './api.js';

export type Loaded<T> = { readonly data: T | undefined; readonly error: string | null; readonly loading: boolean };

/** Loads again whenever `key` changes; an answer to an older key is dropped. `null` key: nothing to load. */
export function useLoad<T>(key: string | null, load: () => Promise<T>): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ data: undefined, error: null, loading: key !== null });
  useEffect(() => {
    if (key === null) {
      setState({ data: undefined, error: null, loading: false });
      return;
    }
    let current = true;
    setState((s) => ({ data: s.data, error: null, loading: true }));
    load().then(
      (data) => current && setState({ data, error: null, loading: false }),
      (error: unknown) => current && setState({ data: undefined, error: describeError(error), loading: false }),
    );
    return () => {
      current = false;
    };
  }, [key]);
  return state;
}

export type Area = { readonly code: string; readonly name: string };

let areas: Promise<readonly Area[]> | undefined;
/** The 42 areas and their names (reference data, open to every role). */
export function areaList(get: () => Promise<{ areas: readonly Area[] }>): Promise<readonly Area[]> {
  areas ??= get().then((r) => r.areas.map(({ code, name }) => ({ code, name })));
  return areas;
}
