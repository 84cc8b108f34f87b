import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.ts';
import { actorOf } from '../../platform/http/access.ts';
import { leadIdParams } from '../leads/lead.schemas.ts';
import { activityBody, activityList, activityView, listQuery, timeline } from './activity.schemas.ts';
import { activitiesOf, logActivity, timelineOf } from './activity.service.ts';

const tags = ['activities'];
const writers = { roles: ['admin', 'manager', 'rep', 'marketing'], apiKey: 'leads:write' } as const;
const readers = { roles: ['admin', 'manager', 'rep', 'marketing'], apiKey: 'full' } as const;

export function activityRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/leads/:id/activities',
      {
        schema: {
          tags,
          description:
            'Logs a call, WeChat, e-mail, visit or note on a lead. A contact type logged by the owner is a touch: it meets the first-touch and follow-up deadlines.',
          params: leadIdParams,
          body: activityBody,
          response: { 201: activityView },
        },
        config: { access: writers },
      },
      async (request, reply) =>
        reply.status(201).send(await logActivity(deps, actorOf(request), request.params.id, request.body)),
    );

    app.get(
      '/leads/:id/activities',
      {
        schema: { tags, params: leadIdParams, querystring: listQuery, response: { 200: activityList } },
        config: { access: readers },
      },
      async (request) => ({
        items: await activitiesOf(deps, actorOf(request), request.params.id, request.query.limit),
      }),
    );

    app.get(
      '/leads/:id/timeline',
      {
        schema: {
          tags,
          description:
            'Everything that happened to the lead, newest first: submissions, behaviour, activities, assignments and audited changes (deadline steps, reclaims …).',
          params: leadIdParams,
          querystring: listQuery,
          response: { 200: timeline },
        },
        config: { access: readers },
      },
      async (request) => ({
        items: await timelineOf(deps, actorOf(request), request.params.id, request.query.limit),
      }),
    );
  };
}
