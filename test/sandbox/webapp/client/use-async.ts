// Loads something for the current inputs; a newer load wins over an older one that answers late.
import { useEffect, useState } from 'preact/hooks';

export type Async<T> = { state: 'loading'; previous?: T } | { state: 'done'; value: T } | { state: 'error'; error: Error };

export function useAsync<T>(load: () => Promise<T>, deps: unknown[]): [Async<T>, () => void] {
  const [result, setResult] = useState<Async<T>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let current = true;
    setResult((r) => ({ state: 'loading', ...(r.state === 'done' ? { previous: r.value } : {}) }));
    load().then(
      (value) => current && setResult({ state: 'done', value }),
      (e: unknown) => current && setResult({ state: 'error', error: e instanceof Error ? e : new Error(String(e)) }),
    );
    return () => {
      current = false;
    };
  }, [...deps, attempt]);
  return [result, () => setAttempt((a) => a + 1)];
}
