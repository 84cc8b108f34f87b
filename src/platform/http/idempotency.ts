import { createHash } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { idempotencyKeys } from '../db/schema.ts';
import { AppError } from '../errors.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route honours an Idempotency-Key header: a retry gets the first answer again. */
    idempotent?: boolean;
  }
  interface FastifyRequest {
    idempotency: { workspaceId: string; key: string } | null;
  }
}

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const KEY_SHAPE = /^[\x21-\x7e]{1,200}$/;
const KEEP_MS = 24 * 3_600_000;

/**
 * A client that retries after a timeout must not create a second lead. The first request under
 * a key claims it; its answer (any status below 500) is stored and replayed to every retry with
 * the same body. A retry while the first is still running gets 409; a different body under the
 * same key gets 422. Keys are kept for 24 hours.
 */
export function installIdempotency(app: FastifyInstance, deps: { db: Db; clock: Clock }): void {
  app.decorateRequest('idempotency', null);

  app.addHook('preHandler', async (request, reply) => {
    const header = request.headers[IDEMPOTENCY_HEADER];
    if (!request.routeOptions.config.idempotent || header === undefined || !request.actor) return;
    if (typeof header !== 'string' || !KEY_SHAPE.test(header)) {
      throw new AppError(
        'VALIDATION_FAILED',
        'Idempotency-Key must be 1–200 printable ASCII characters',
        IDEMPOTENCY_HEADER,
      );
    }
    const workspaceId = request.actor.workspaceId;
    const requestHash = createHash('sha256')
      .update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`)
      .digest('hex');
    const now = deps.clock.now();
    const claimed = await deps.db
      .insert(idempotencyKeys)
      .values({ workspaceId, key: header, requestHash, createdAt: now })
      .onConflictDoUpdate({
        target: [idempotencyKeys.workspaceId, idempotencyKeys.key],
        set: { requestHash, statusCode: null, responseBody: null, createdAt: now },
        // An expired key is claimed afresh; a live one is left alone.
        setWhere: lt(idempotencyKeys.createdAt, new Date(now.getTime() - KEEP_MS)),
      })
      .returning({ key: idempotencyKeys.key });
    if (claimed.length > 0) {
      request.idempotency = { workspaceId, key: header };
      return;
    }
    const [first] = await deps.db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.workspaceId, workspaceId), eq(idempotencyKeys.key, header)));
    if (!first) throw new AppError('CONFLICT', 'The first request with this Idempotency-Key is still running');
    if (first.requestHash !== requestHash) {
      throw new AppError(
        'IDEMPOTENCY_KEY_REUSED',
        'This Idempotency-Key was used for a different request',
        IDEMPOTENCY_HEADER,
      );
    }
    if (first.statusCode === null || first.responseBody === null) {
      throw new AppError('CONFLICT', 'The first request with this Idempotency-Key is still running');
    }
    return reply
      .status(first.statusCode)
      .header('idempotent-replayed', 'true')
      .type('application/json; charset=utf-8')
      .send(first.responseBody);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotency;
    if (!claim || reply.getHeader('idempotent-replayed')) return payload;
    const where = and(eq(idempotencyKeys.workspaceId, claim.workspaceId), eq(idempotencyKeys.key, claim.key));
    if (reply.statusCode >= 500 || typeof payload !== 'string') {
      // Nothing reliable to replay: free the key so the retry runs for real.
      await deps.db.delete(idempotencyKeys).where(where);
    } else {
      await deps.db
        .update(idempotencyKeys)
        .set({ statusCode: reply.statusCode, responseBody: payload })
        .where(and(where, sql`${idempotencyKeys.statusCode} IS NULL`));
    }
    return payload;
  });
}
