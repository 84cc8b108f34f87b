import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps.ts';
import { actorOf } from '../../platform/http/access.ts';
import { roles } from '../../platform/http/actor.ts';
import { listTeams } from './identity.repository.ts';

const teamList = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      kind: z.enum(['region', 'branch', 'group']),
      parentId: z.uuid().nullable(),
    }),
  ),
});

/** The workspace's teams by name, for pickers (a channel's owner team, a filter). */
export function teamRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/teams',
      { schema: { tags: ['users'], response: { 200: teamList } }, config: { access: { roles, apiKey: 'full' } } },
      async (request) => ({ items: await listTeams(deps.db, actorOf(request).workspaceId) }),
    );
  };
}
