import { useEffect, useState } from 'react';
import { previewScoring } from './scoring.api';
import type { ScoringConfigBody, ScoringPreview } from './scoring.types';

const DEBOUNCE_MS = 400;

interface Settled {
  key: string;
  data?: ScoringPreview;
  error?: unknown;
}

export interface PreviewState {
  /** The latest answer; while a newer draft is being previewed it is the previous draft's. */
  data: ScoringPreview | undefined;
  error: unknown;
  /** A preview for the current draft is on its way. */
  updating: boolean;
}

/**
 * Previews `draft` once the admin pauses editing, cancelling the previous request when the draft
 * changes again; null (an invalid draft) sends nothing and keeps the last answer on screen.
 */
export function useScoringPreview(draft: ScoringConfigBody | null): PreviewState {
  const key = draft === null ? null : JSON.stringify(draft);
  const [settled, setSettled] = useState<Settled | null>(null);
  const [lastData, setLastData] = useState<ScoringPreview | undefined>(undefined);

  useEffect(() => {
    if (key === null) return;
    const body = JSON.parse(key) as ScoringConfigBody;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      previewScoring(body, controller.signal).then(
        (data) => {
          setSettled({ key, data });
          setLastData(data);
        },
        (error: unknown) => {
          if (!controller.signal.aborted) setSettled({ key, error });
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [key]);

  const current = key !== null && settled?.key === key;
  return {
    data: lastData,
    error: current ? settled.error : undefined,
    updating: key !== null && !current,
  };
}
