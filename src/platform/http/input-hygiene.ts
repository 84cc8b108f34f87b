import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.ts';

const MAX_DEPTH = 32;

/**
 * Text PostgreSQL cannot store — a NUL character, or half of a UTF-16 surrogate pair — would fail
 * deep inside a transaction (and take a whole intake batch with it). Refuse it at the door, with
 * the field at fault. Nesting beyond MAX_DEPTH is refused too: no form or integration sends it.
 */
export function findUnstorableText(value: unknown): { field: string; reason: string } | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value: current, path, depth } = stack.pop()!;
    if (typeof current === 'string') {
      if (!isStorable(current)) return { field: path, reason: 'contains a NUL character or broken Unicode' };
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth >= MAX_DEPTH) return { field: path, reason: `is nested deeper than ${MAX_DEPTH} levels` };
    for (const [key, child] of Object.entries(current)) {
      const childPath = path ? `${path}.${key}` : key;
      if (!isStorable(key)) return { field: path, reason: 'has a key with a NUL character or broken Unicode' };
      stack.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  return null;
}

function isStorable(text: string): boolean {
  return !text.includes('\u0000') && text.isWellFormed();
}

export function installInputHygiene(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const [part, value] of [
      ['body', request.body],
      ['query', request.query],
      ['params', request.params],
    ] as const) {
      const problem = findUnstorableText(value);
      if (problem) {
        const where = problem.field ? `${part} field "${problem.field}"` : part;
        throw new AppError('VALIDATION_FAILED', `${where} ${problem.reason}`, problem.field || undefined);
      }
    }
  });
}
