import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.ts';
import { actorOf } from '../../platform/http/access.ts';
import { leadIdParams } from '../leads/lead.schemas.ts';
import { leadDeadlineList } from './deadline.schemas.ts';
import { leadDeadlinesOf } from './lead-deadlines.service.ts';

const readers = { roles: ['admin', 'manager', 'rep', 'marketing'], apiKey: 'full' } as const;

export function deadlineRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/leads/:id/deadlines',
      {
        schema: {
          tags: ['sla'],
          description:
            'The lead’s pending response-deadline steps, soonest first, each with the SLA policy (or pool) that planned it.',
          params: leadIdParams,
          response: { 200: leadDeadlineList },
        },
        config: { access: readers },
      },
      async (request) => ({ items: await leadDeadlinesOf(deps, actorOf(request), request.params.id) }),
    );
  };
}
