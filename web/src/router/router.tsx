// A deliberately tiny history router: the app has four screens, which does not justify a
// routing library. Navigation goes through `navigate()`; components re-render through
// `useLocation()`, which follows both our own pushes and the browser's back/forward.
import { useEffect, useSyncExternalStore } from 'react';
import type { AnchorHTMLAttributes, MouseEvent } from 'react';

const LOCATION_CHANGE = 'clew:locationchange';
// Marks history entries this app pushed, so "back" can tell an in-app page from another site.
const PUSHED_IN_APP = 'clewPushed';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(LOCATION_CHANGE, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(LOCATION_CHANGE, onChange);
  };
}

function currentPath(): string {
  return window.location.pathname + window.location.search;
}

export interface NavigateOptions {
  replace?: boolean;
}

export function navigate(to: string, options: NavigateOptions = {}): void {
  if (to === currentPath() && !options.replace) return;
  if (options.replace) {
    const pushed = canGoBackInApp();
    window.history.replaceState(pushed ? { [PUSHED_IN_APP]: true } : null, '', to);
  } else {
    window.history.pushState({ [PUSHED_IN_APP]: true }, '', to);
  }
  // pushState does not fire popstate, so tell the subscribers ourselves.
  window.dispatchEvent(new Event(LOCATION_CHANGE));
}

/** True when the entry before this one is a page of this app (we pushed the current one). */
export function canGoBackInApp(): boolean {
  const state = window.history.state as Record<string, unknown> | null;
  return state?.[PUSHED_IN_APP] === true;
}

export interface Location {
  pathname: string;
  searchParams: URLSearchParams;
}

export function useLocation(): Location {
  const path = useSyncExternalStore(subscribe, currentPath);
  const url = new URL(path, window.location.origin);
  return { pathname: url.pathname, searchParams: url.searchParams };
}

/**
 * Matches `/leads/:id` style patterns. Returns the decoded parameters, or null when the
 * path does not match.
 */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const patternParts = pattern.split('/').filter(Boolean);
  const pathParts = pathname.split('/').filter(Boolean);
  if (patternParts.length !== pathParts.length) return null;
  const params: Record<string, string> = {};
  for (const [index, part] of patternParts.entries()) {
    const actual = pathParts[index] ?? '';
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(actual);
    else if (part !== actual) return null;
  }
  return params;
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string };

/** A real anchor, so middle-click and "open in new tab" keep working. */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    const modified = event.metaKey || event.ctrlKey || event.shiftKey || event.altKey;
    if (event.defaultPrevented || event.button !== 0 || modified || rest.target) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handleClick} {...rest} />;
}

export function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}
