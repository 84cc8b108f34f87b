import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.ts';
import { AppError } from '../../platform/errors.ts';
import { actorOf } from '../../platform/http/access.ts';
import { channelIdParams } from '../channels/channel.schemas.ts';
import { parseFormEncoded, parseJsonKeepingBigIntegers } from './hook-payload.rules.ts';
import { authenticateDelivery, receiveDelivery } from './hook-delivery.service.ts';
import type { HookWithChannel } from './hook.repository.ts';
import {
  configureHookBody,
  deliveryHeaders,
  deliveryParams,
  deliveryQuery,
  deliveryResponse,
  hookPresetList,
  hookView,
  hookWithSecret,
  previewHookBody,
  previewResponse,
} from './hook.schemas.ts';
import { configureHook, getHook, listHookPresets, previewHook, rotateHookSecret } from './hook.service.ts';

const configurers = { roles: ['admin', 'manager', 'marketing'], apiKey: 'full' } as const;
const tags = ['hooks'];

export function hookRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/hook-presets',
      { schema: { tags, response: { 200: hookPresetList } }, config: { access: configurers } },
      async () => listHookPresets(),
    );

    app.get(
      '/channels/:id/hook',
      {
        schema: { tags, params: channelIdParams, response: { 200: hookView } },
        config: { access: configurers },
      },
      async (request) => getHook(deps, actorOf(request), request.params.id),
    );

    app.put(
      '/channels/:id/hook',
      {
        schema: {
          tags,
          description:
            'Sets the ad-platform webhook of an ad_webhook channel. The first call creates it (201) with a secret ' +
            'shown only in that answer; later calls change the preset and mapping and keep the secret (200).',
          params: channelIdParams,
          body: configureHookBody,
          response: { 200: hookView, 201: hookWithSecret },
        },
        config: { access: configurers },
      },
      async (request, reply) => {
        const result = await configureHook(deps, actorOf(request), request.params.id, request.body);
        return reply.status(result.created ? 201 : 200).send(result.hook);
      },
    );

    app.post(
      '/channels/:id/hook/rotate-secret',
      {
        schema: { tags, params: channelIdParams, response: { 200: hookWithSecret } },
        config: { access: configurers },
      },
      async (request) => rotateHookSecret(deps, actorOf(request), request.params.id),
    );

    app.post(
      '/channels/:id/hook/preview',
      {
        schema: {
          tags,
          description: 'What a sample payload would become under a mapping, item by item. Writes nothing.',
          params: channelIdParams,
          body: previewHookBody,
          response: { 200: previewResponse },
        },
        config: { access: configurers },
      },
      async (request) => previewHook(deps, actorOf(request), request.params.id, request.body),
    );

    await app.register(deliveryRoute(deps));
  };
}

/**
 * The endpoint platforms post to, in its own context: its body parsers keep 64-bit ids exact
 * and also read form posts, without changing how the rest of the API parses JSON.
 */
function deliveryRoute(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.removeContentTypeParser(['application/json']);
    app.addContentTypeParser(['application/json', 'text/plain'], { parseAs: 'string' }, (_request, text, done) => {
      try {
        done(null, parseJsonKeepingBigIntegers(text as string));
      } catch {
        done(new AppError('MALFORMED_JSON', 'The request body is not valid JSON'), undefined);
      }
    });
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, text, done) =>
      done(null, parseFormEncoded(text as string)),
    );

    app.post(
      '/hooks/:channelId',
      {
        schema: {
          tags,
          description:
            'Where an ad platform posts its leads. Send the channel’s hook secret as X-Clew-Hook-Secret or ?secret=. ' +
            'Each lead is answered on its own; a lead id already taken is answered "duplicate" with its lead.',
          params: deliveryParams,
          querystring: deliveryQuery,
          headers: deliveryHeaders,
          response: { 200: deliveryResponse },
          security: [],
        },
        // The secret may ride in the query string: keep request URLs out of the info-level logs.
        logLevel: 'warn',
        config: { access: { public: true } },
        onRequest: async (request: FastifyRequest<{ Params: { channelId: string } }>) => {
          // Before the body is read: an unknown channel or a wrong secret costs no parsing.
          const target = await authenticateDelivery(deps, request.params.channelId, secretOf(request));
          if (!target) throw new AppError('UNAUTHENTICATED', 'Unknown hook or wrong secret');
          targets.set(request, target);
        },
      },
      async (request, reply: FastifyReply) => {
        if (request.body === undefined) throw new AppError('MALFORMED_JSON', 'Send the leads as a JSON body');
        return reply.send(await receiveDelivery(deps, targets.get(request)!, request.body));
      },
    );
  };
}

const targets = new WeakMap<FastifyRequest, HookWithChannel>();

function secretOf(request: FastifyRequest): string | undefined {
  const header = request.headers['x-clew-hook-secret'];
  if (typeof header === 'string' && header !== '') return header;
  const query = (request.query as { secret?: unknown } | undefined)?.secret;
  return typeof query === 'string' && query !== '' ? query : undefined;
}
