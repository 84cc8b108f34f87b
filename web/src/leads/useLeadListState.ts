import { useCallback, useEffect, useState } from 'react';
import type { LeadStatus } from '../api/types';
import { isLeadStatus } from './leadStatus';

export interface LeadFilterValues {
  status?: LeadStatus;
  ownerId?: string;
  source?: string;
  grade?: LeadGrade;
  /** 'high' lists the critical leads too. */
  urgency?: 'high' | 'critical';
}

const GRADES = ['A', 'B', 'C', 'D'] as const;
type LeadGrade = (typeof GRADES)[number];

interface LeadListState {
  filters: LeadFilterValues;
  /**
   * The cursor of every page visited so far; the last one is the page on screen and `null`
   * is the first page. The API only pages forward, so "previous" pops this stack.
   */
  cursors: (string | null)[];
}

const FIRST_PAGE: LeadListState = { filters: {}, cursors: [null] };
const HISTORY_KEY = 'clewLeadList';

// The state is kept in the history entry, so coming back from a lead (browser back) restores
// the filters and the page the user was on, and a fresh visit starts clean.
function readFromHistory(): LeadListState {
  const saved = (window.history.state as Record<string, unknown> | null)?.[HISTORY_KEY];
  if (typeof saved !== 'object' || saved === null) return FIRST_PAGE;
  const { filters, cursors } = saved as Partial<LeadListState>;
  if (!Array.isArray(cursors) || cursors.length === 0 || typeof filters !== 'object') {
    return FIRST_PAGE;
  }
  return {
    filters: {
      status: isLeadStatus(filters.status) ? filters.status : undefined,
      ownerId: typeof filters.ownerId === 'string' ? filters.ownerId : undefined,
      source: typeof filters.source === 'string' ? filters.source : undefined,
      grade: GRADES.find((grade) => grade === filters.grade),
      urgency: filters.urgency === 'high' || filters.urgency === 'critical' ? filters.urgency : undefined,
    },
    cursors: cursors.filter((cursor) => cursor === null || typeof cursor === 'string'),
  };
}

export function useLeadListState() {
  const [state, setState] = useState<LeadListState>(readFromHistory);

  useEffect(() => {
    const historyState = (window.history.state as Record<string, unknown> | null) ?? {};
    window.history.replaceState({ ...historyState, [HISTORY_KEY]: state }, '');
  }, [state]);

  const setFilters = useCallback((filters: LeadFilterValues) => {
    setState({ filters, cursors: [null] });
  }, []);

  const goToNextPage = useCallback((nextCursor: string) => {
    setState((current) => ({ ...current, cursors: [...current.cursors, nextCursor] }));
  }, []);

  const goToPreviousPage = useCallback(() => {
    setState((current) =>
      current.cursors.length > 1 ? { ...current, cursors: current.cursors.slice(0, -1) } : current,
    );
  }, []);

  return {
    filters: state.filters,
    cursor: state.cursors.at(-1) ?? null,
    pageNumber: state.cursors.length,
    setFilters,
    goToNextPage,
    goToPreviousPage,
  };
}
