import { useEffect, useState } from 'react';
import { checkDuplicates, type DuplicateMatch, type DuplicateQuery } from './leadEntry.api';

const DEBOUNCE_MS = 300;

function tidy(query: DuplicateQuery): DuplicateQuery {
  const entries = Object.entries(query).flatMap(([name, value]) =>
    typeof value === 'string' && value.trim() ? [[name, value.trim()]] : [],
  );
  return Object.fromEntries(entries) as DuplicateQuery;
}

/** A name alone matches too many people; a contact or a company is needed to ask. */
function worthChecking(query: DuplicateQuery): boolean {
  return (
    (query.phone?.replace(/\D/g, '').length ?? 0) >= 5 ||
    Boolean(query.email?.includes('@')) ||
    (query.company?.length ?? 0) >= 2
  );
}

/**
 * Leads that the one being typed may repeat, asked ~300 ms after the typing stops. Any failure
 * (the check not deployed yet, a role that may not ask) shows nothing: it is a hint, not a gate.
 */
export function useDuplicateCheck(query: DuplicateQuery): DuplicateMatch[] {
  const key = JSON.stringify(tidy(query));
  const [answer, setAnswer] = useState<{ key: string; matches: DuplicateMatch[] }>({ key: '', matches: [] });
  const asking = worthChecking(JSON.parse(key) as DuplicateQuery);

  useEffect(() => {
    const current = JSON.parse(key) as DuplicateQuery;
    if (!worthChecking(current)) return;
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      checkDuplicates(current, controller.signal).then(
        (result) => setAnswer({ key, matches: Array.isArray(result?.matches) ? result.matches : [] }),
        () => {
          if (!controller.signal.aborted) setAnswer({ key, matches: [] });
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [key]);

  // While the next answer is pending the last one stays up, so the warning does not flicker.
  return asking ? answer.matches : [];
}
