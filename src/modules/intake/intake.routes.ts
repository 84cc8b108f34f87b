import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.ts';
import { actorOf } from '../../platform/http/access.ts';
import { toAppError } from '../../platform/http/error-handler.ts';
import { createLeadBody, intakeResponse } from '../leads/lead.schemas.ts';
import { batchBody, batchResponse, idempotencyHeaders, repeatSeenFromOutside } from './intake.schemas.ts';
import { z } from 'zod';
import { intakeMany, intakeOne, intakeView, recordRejectedIntake } from './intake.service.ts';

const writers = { roles: ['admin', 'manager', 'rep', 'marketing'], apiKey: 'leads:write' } as const;

export function intakeRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/leads',
      {
        schema: {
          tags: ['intake'],
          description:
            'Intake: cleans, de-duplicates by phone or e-mail (a repeat becomes a touch on the existing lead, 200), ' +
            'and assigns a new lead by round robin (201).',
          body: createLeadBody,
          headers: idempotencyHeaders,
          response: { 200: z.union([intakeResponse, repeatSeenFromOutside]), 201: intakeResponse },
        },
        // A body that fails validation is still kept, with its reason, before the 4xx goes out.
        attachValidation: true,
        config: { access: writers, idempotent: true },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        if (request.validationError) {
          const error = toAppError(request.validationError as Parameters<typeof toAppError>[0]);
          await recordRejectedIntake(deps, actor, [{ payload: request.body, error }]);
          throw error;
        }
        const result = await intakeOne(deps, actor, request.body);
        return reply.status(result.deduplicated ? 200 : 201).send(await intakeView(deps, actor, result));
      },
    );

    app.post(
      '/leads/batch',
      {
        schema: {
          tags: ['intake'],
          description:
            'Up to 1,000 leads; each is created, merged into the lead it repeats, or rejected with its reason.',
          body: batchBody,
          headers: idempotencyHeaders,
          response: { 200: batchResponse },
        },
        config: { access: writers, idempotent: true },
      },
      async (request) => ({ results: await intakeMany(deps, actorOf(request), request.body.leads) }),
    );
  };
}
