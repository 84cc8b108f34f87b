import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.ts';
import { actorOf } from '../../platform/http/access.ts';
import { boardQuery, boardView } from './board.schemas.ts';
import { readBoard } from './board.service.ts';

/** The red / amber / green process board: everyone may read it, within their data scope. */
export function boardRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/board',
      {
        schema: {
          tags: ['board'],
          description:
            'Per rep and team: leads awaiting first response, not followed for 24 h, breaches today, deadlines due ' +
            'within the hour, 24-hour touch rate and median first response, each with a colour.',
          querystring: boardQuery,
          response: { 200: boardView },
        },
        config: { access: { roles: ['admin', 'manager', 'rep', 'marketing'], apiKey: 'full' } },
      },
      async (request) => readBoard(deps, actorOf(request), request.query),
    );
  };
}
