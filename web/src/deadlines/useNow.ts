import { useSyncExternalStore } from 'react';

// One timer for the whole page: a list of a hundred countdowns re-renders once a second from a
// single interval, and the interval stops when the last countdown unmounts.
const listeners = new Set<() => void>();
let timer: number | undefined;
let now = Date.now();

function tick() {
  now = Date.now();
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === undefined) {
    now = Date.now();
    timer = window.setInterval(tick, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== undefined) {
      window.clearInterval(timer);
      timer = undefined;
    }
  };
}

const snapshot = () => now;

/** The current time in milliseconds, updated once a second by one shared timer. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}
