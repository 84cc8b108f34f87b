import { api } from '../api/client';
import type { Board } from './board.types';

/** The caller's own zone: "today" for breaches starts at their midnight. */
export const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export function getBoard(teamId: string | null, signal?: AbortSignal): Promise<Board> {
  return api.get<Board>('/board', { query: { teamId, timeZone: browserTimeZone() }, signal });
}
