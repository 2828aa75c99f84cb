import { useCallback, useEffect, useState } from 'preact/hooks';
import { describeError } from './api.ts';

/** Loads data on mount (and on `reload()`); errors become a message to show. */
export function useAsync<T>(load: () => Promise<T>, deps: unknown[] = []) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState('');
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    load().then((value) => live && (setData(value), setError('')), (failure) => live && setError(describeError(failure)));
    return () => { live = false; };
  }, [...deps, generation]);
  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { data, error, reload };
}
