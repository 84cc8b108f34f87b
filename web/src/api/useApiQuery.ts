import { useCallback, useEffect, useEffectEvent, useState } from 'react';

interface Settled<T> {
  key: string;
  version: number;
  data?: T;
  error?: unknown;
}

export interface ApiQuery<T> {
  /** The latest loaded value; while a new key loads it still holds the previous key's value. */
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  /** Replace the value after a mutation that returned the fresh object. */
  setData: (data: T) => void;
}

/**
 * Loads `load()` whenever `key` changes (or `reload()` is called) and drops answers that
 * arrive for a key that is no longer current. `loading` is derived, not stored, so the
 * effect never sets state synchronously.
 */
export function useApiQuery<T>(key: string, load: (signal: AbortSignal) => Promise<T>): ApiQuery<T> {
  const [version, setVersion] = useState(0);
  const [settled, setSettled] = useState<Settled<T> | null>(null);
  const runLoad = useEffectEvent(load);

  useEffect(() => {
    const controller = new AbortController();
    runLoad(controller.signal).then(
      (data) => setSettled({ key, version, data }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        // Keep what is on screen when a refresh of the same key fails; a new key starts empty.
        setSettled((previous) => ({
          key,
          version,
          data: previous?.key === key ? previous.data : undefined,
          error,
        }));
      },
    );
    return () => controller.abort();
  }, [key, version]);

  const reload = useCallback(() => setVersion((current) => current + 1), []);
  const setData = useCallback((data: T) => setSettled({ key, version, data }), [key, version]);

  const current = settled?.key === key && settled.version === version;
  return {
    data: settled?.data,
    error: current ? settled.error : undefined,
    loading: !current,
    reload,
    setData,
  };
}
