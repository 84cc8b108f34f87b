// The shape of GET /api/v1/board (src/modules/board/board.schemas.ts).
export type Colour = 'red' | 'amber' | 'green' | 'none';

export interface Metric {
  value: number | null;
  colour: Colour;
}

export interface BoardMetrics {
  awaitingFirstResponse: Metric & { oldestMinutes: number | null };
  notFollowed24h: Metric;
  breachesToday: Metric;
  dueNextHour: Metric;
  touchRate24h: Metric & { touched: number; assigned: number };
  medianFirstResponseMinutes: Metric;
}

export type MetricName = keyof BoardMetrics;

export const METRIC_NAMES: readonly MetricName[] = [
  'awaitingFirstResponse',
  'notFollowed24h',
  'breachesToday',
  'dueNextHour',
  'touchRate24h',
  'medianFirstResponseMinutes',
];

export interface BoardRep {
  userId: string;
  name: string;
  role: 'rep' | 'manager';
  teamId: string | null;
  metrics: BoardMetrics;
}

export interface BoardTeamRow {
  teamId: string;
  name: string;
  parentId: string | null;
  reps: number;
  metrics: BoardMetrics;
}

export interface Board {
  at: string;
  timeZone: string;
  dayStart: string;
  teamId: string | null;
  teams: { id: string; name: string; parentId: string | null }[];
  reps: BoardRep[];
  teamRows: BoardTeamRow[];
  totals: BoardMetrics;
  thresholds: Record<string, number>;
}
