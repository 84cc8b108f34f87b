// Shapes of /api/v1/imports as the import wizard consumes them.

export type ImportStatus = 'running' | 'done' | 'failed';
export type DedupePolicy = 'merge' | 'review' | 'create';

export interface ImportJob {
  id: string;
  status: ImportStatus;
  fileName: string;
  format: 'csv' | 'xlsx';
  mapping: Record<string, string>;
  dedupePolicy: DedupePolicy;
  channelId: string | null;
  total: number;
  processed: number;
  created: number;
  merged: number;
  quarantined: number;
  rejected: number;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface StartedImport {
  id: string;
  /** Set when the same file was imported before with the same settings. */
  replayOf?: string;
}

export interface RowError {
  code: string;
  field: string | null;
  message: string;
}

export type CleanedRow =
  { rowNumber: number; ok: true; lead: Record<string, unknown> } | { rowNumber: number; ok: false; error: RowError };

export interface ImportPreview {
  format: 'csv' | 'xlsx';
  encoding: string;
  headers: string[];
  guessedMapping: Record<string, string>;
  mapping: Record<string, string>;
  rows: { rowNumber: number; values: Record<string, string> }[];
  cleaned: CleanedRow[];
}

export interface CustomField {
  name: string;
  label: string | null;
}

export interface ChannelOption {
  id: string;
  name: string;
  dedupePolicy: DedupePolicy;
}
