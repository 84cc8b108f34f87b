import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.ts';
import { actorOf } from '../../platform/http/access.ts';
import { roles } from '../../platform/http/actor.ts';
import {
  channelIdParams,
  channelList,
  channelView,
  createChannelBody,
  tagRuleList,
  updateChannelBody,
} from './channel.schemas.ts';
import { createChannel, listChannels, replaceTagRules, tagRulesOf, updateChannel } from './channel.service.ts';

const configurers = { roles: ['admin', 'marketing'], apiKey: 'full' } as const;

export function channelRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/channels',
      {
        schema: { tags: ['channels'], body: createChannelBody, response: { 201: channelView } },
        config: { access: configurers },
      },
      async (request, reply) => reply.status(201).send(await createChannel(deps, actorOf(request), request.body)),
    );

    app.get(
      '/channels',
      { schema: { tags: ['channels'], response: { 200: channelList } }, config: { access: { roles, apiKey: 'full' } } },
      async (request) => ({ items: await listChannels(deps, actorOf(request)) }),
    );

    app.patch(
      '/channels/:id',
      {
        schema: {
          tags: ['channels'],
          params: channelIdParams,
          body: updateChannelBody,
          response: { 200: channelView },
        },
        config: { access: configurers },
      },
      async (request) => updateChannel(deps, actorOf(request), request.params.id, request.body),
    );

    app.get(
      '/channel-tag-rules',
      { schema: { tags: ['channels'], response: { 200: tagRuleList } }, config: { access: configurers } },
      async (request) => tagRulesOf(deps, actorOf(request)),
    );

    app.put(
      '/channel-tag-rules',
      {
        schema: {
          tags: ['channels'],
          description: 'Replaces the ordered list of rules that tag new leads by channel, source, UTM or landing page.',
          body: tagRuleList,
          response: { 200: tagRuleList },
        },
        config: { access: configurers },
      },
      async (request) => replaceTagRules(deps, actorOf(request), request.body),
    );
  };
}
