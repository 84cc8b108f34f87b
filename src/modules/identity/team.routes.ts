import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps.ts';
import { actorOf } from '../../platform/http/access.ts';
import { roles } from '../../platform/http/actor.ts';
import { bestFitWeights, strategyNames, teamRoutingBody } from '../routing/routing.schemas.ts';
import { listTeams } from './identity.repository.ts';
import { updateTeamRouting } from './team.service.ts';

const teamView = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(['region', 'branch', 'group']),
  parentId: z.uuid().nullable(),
  managerId: z.uuid().nullable(),
  routingStrategy: z.enum(strategyNames),
  allowOffHours: z.boolean(),
  defaultCapacity: z.number().int().nullable(),
  bestFit: z.object({ weights: bestFitWeights, segmentField: z.string(), matchFields: z.array(z.string()) }).nullable(),
  businessCalendarId: z.uuid().nullable(),
});
const teamList = z.object({ items: z.array(teamView) });

/** The workspace's teams by name (pickers, filters) and how each deals its leads. */
export function teamRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/teams',
      { schema: { tags: ['users'], response: { 200: teamList } }, config: { access: { roles, apiKey: 'full' } } },
      async (request) => ({ items: await listTeams(deps.db, actorOf(request).workspaceId) }),
    );

    app.patch(
      '/teams/:id',
      {
        schema: {
          tags: ['routing'],
          params: z.object({ id: z.uuid() }),
          body: teamRoutingBody,
          response: { 200: teamView },
        },
        config: { access: { roles: ['admin', 'manager'], apiKey: 'full' } },
      },
      async (request) => updateTeamRouting(deps, actorOf(request), request.params.id, request.body),
    );
  };
}
