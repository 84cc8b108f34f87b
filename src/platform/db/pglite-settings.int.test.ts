import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase, queryRows } from './database.ts';

describe('the embedded database’s settings', () => {
  it.each([
    [undefined, '128MB'],
    ['32MB', '32MB'],
  ])('should start PGlite with shared_buffers %s as %s', async (sharedBuffers, expected) => {
    const database = await openDatabase({ kind: 'pglite', dataDir: null, ...(sharedBuffers ? { sharedBuffers } : {}) });
    try {
      const [row] = await queryRows<{ shared_buffers: string }>(database.db, sql`SHOW shared_buffers`);
      expect(row!.shared_buffers).toBe(expected);
    } finally {
      await database.close();
    }
  });
});
