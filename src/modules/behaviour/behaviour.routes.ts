import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.ts';
import { actorOf } from '../../platform/http/access.ts';
import {
  contactEventBody,
  eventListQuery,
  leadEventBody,
  leadEventList,
  leadEventView,
  leadIdParams,
} from './behaviour.schemas.ts';
import { leadEventsOf, recordEventByContact, recordLeadEvent } from './behaviour.service.ts';

const senders = { roles: ['admin', 'manager', 'rep', 'marketing'], apiKey: 'leads:write' } as const;
const readers = { roles: ['admin', 'manager', 'rep', 'marketing'], apiKey: 'full' } as const;

export function behaviourRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/leads/:id/events',
      {
        schema: {
          tags: ['behaviour'],
          description:
            'A behaviour event on a lead: page_view (props.seconds), download, trial_expiring (props.expiresAt), competitor_compare, or custom.',
          params: leadIdParams,
          body: leadEventBody,
          response: { 201: leadEventView },
        },
        config: { access: senders },
      },
      async (request, reply) =>
        reply.status(201).send(await recordLeadEvent(deps, actorOf(request), request.params.id, request.body)),
    );

    app.post(
      '/lead-events',
      {
        schema: {
          tags: ['behaviour'],
          description: 'The same, for the lead with this phone or e-mail (normalised as intake does).',
          body: contactEventBody,
          response: { 201: leadEventView },
        },
        config: { access: senders },
      },
      async (request, reply) =>
        reply.status(201).send(await recordEventByContact(deps, actorOf(request), request.body)),
    );

    app.get(
      '/leads/:id/events',
      {
        schema: {
          tags: ['behaviour'],
          params: leadIdParams,
          querystring: eventListQuery,
          response: { 200: leadEventList },
        },
        config: { access: readers },
      },
      async (request) => ({
        items: await leadEventsOf(deps, actorOf(request), request.params.id, request.query.limit),
      }),
    );
  };
}
