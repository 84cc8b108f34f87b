import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type FastifyPluginAsyncZod,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from './app-deps.ts';
import { cachedAuthenticator, installAccessControl } from './platform/http/access.ts';
import { installErrorHandler, notFoundBody } from './platform/http/error-handler.ts';
import { installIdempotency } from './platform/http/idempotency.ts';
import { installInputHygiene } from './platform/http/input-hygiene.ts';
import { actorForApiKey } from './modules/api-keys/api-key.service.ts';
import { apiKeyRoutes } from './modules/api-keys/api-key.routes.ts';
import { actorForSession } from './modules/identity/auth.service.ts';
import { identityRoutes } from './modules/identity/identity.routes.ts';
import { teamRoutes } from './modules/identity/team.routes.ts';
import { behaviourRoutes } from './modules/behaviour/behaviour.routes.ts';
import { activityRoutes } from './modules/activities/activity.routes.ts';
import { slaPolicyRoutes } from './modules/sla/sla-policy.routes.ts';
import { deadlineRoutes } from './modules/sla/deadline.routes.ts';
import { businessCalendarRoutes } from './modules/calendars/business-calendar.routes.ts';
import { poolRoutes } from './modules/pool/pool.routes.ts';
import { channelRoutes } from './modules/channels/channel.routes.ts';
import { fieldRoutes } from './modules/fields/field.routes.ts';
import { formRoutes } from './modules/forms/form.routes.ts';
import { hookRoutes } from './modules/hooks/hook.routes.ts';
import { importRoutes } from './modules/imports/import.routes.ts';
import { routingRoutes } from './modules/routing/routing.routes.ts';
import { scoringRoutes } from './modules/scoring/scoring.routes.ts';
import { routingInsightRoutes } from './modules/routing/routing-insights.routes.ts';
import { intakeRoutes } from './modules/intake/intake.routes.ts';
import { leadRoutes } from './modules/leads/lead.routes.ts';
import { dedupeRoutes } from './modules/dedupe/dedupe.routes.ts';
import { quarantineRoutes } from './modules/quarantine/quarantine.routes.ts';
import { pipelineRoutes } from './modules/pipeline/pipeline.routes.ts';
import { dealRoutes } from './modules/deals/deal.routes.ts';
import { eventRoutes } from './modules/realtime/events.routes.ts';
import { boardRoutes } from './modules/board/board.routes.ts';
import { notificationRoutes } from './modules/notifications/notification.routes.ts';

function trustProxyOption(setting: boolean | number | string) {
  return typeof setting === 'number' ? (_address: string, hop: number) => hop < setting : setting;
}

export interface BuildAppOptions {
  logger?: boolean;
}

/** Builds the server without listening: tests inject requests or listen on an ephemeral port. */
export async function buildApp(deps: AppDeps, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger === false ? false : { level: deps.config.LOG_LEVEL },
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    },
    bodyLimit: 1_048_576,
    forceCloseConnections: true,
    trustProxy: trustProxyOption(deps.config.CLEW_TRUST_PROXY),
  }).withTypeProvider<ZodTypeProvider>();

  // The API speaks JSON only; a text body is refused with 415 rather than half-parsed.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  installInputHygiene(app);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Clew API', version: '1' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'Session token or API key (clew_…)' },
        },
      },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  installAccessControl(
    app,
    cachedAuthenticator(deps.credentials, {
      bySessionToken: (token) => actorForSession(deps, token),
      byApiKey: (key) => actorForApiKey(deps, key),
    }),
  );
  installIdempotency(app, deps);

  const api: FastifyPluginAsyncZod = async (v1) => {
    v1.get(
      '/health',
      {
        schema: {
          tags: ['health'],
          response: { 200: z.object({ status: z.literal('ok'), db: z.enum(['pglite', 'postgres']) }) },
        },
        config: { access: { public: true } },
      },
      async () => ({ status: 'ok' as const, db: deps.database.kind }),
    );
    await v1.register(identityRoutes(deps));
    await v1.register(apiKeyRoutes(deps));
    await v1.register(intakeRoutes(deps));
    await v1.register(dedupeRoutes(deps));
    await v1.register(leadRoutes(deps));
    await v1.register(behaviourRoutes(deps));
    await v1.register(activityRoutes(deps));
    await v1.register(slaPolicyRoutes(deps));
    await v1.register(deadlineRoutes(deps));
    await v1.register(businessCalendarRoutes(deps));
    await v1.register(poolRoutes(deps));
    await v1.register(fieldRoutes(deps));
    await v1.register(channelRoutes(deps));
    await v1.register(quarantineRoutes(deps));
    await v1.register(formRoutes(deps));
    await v1.register(hookRoutes(deps));
    await v1.register(teamRoutes(deps));
    await v1.register(boardRoutes(deps));
    await v1.register(eventRoutes(deps));
    await v1.register(notificationRoutes(deps));
    await v1.register(importRoutes(deps));
    await v1.register(scoringRoutes(deps));
    await v1.register(routingRoutes(deps));
    await v1.register(routingInsightRoutes(deps));
    await v1.register(pipelineRoutes(deps));
    await v1.register(dealRoutes(deps));
  };
  await app.register(api, { prefix: '/api/v1' });

  await serveWebApp(app, path.resolve(deps.config.CLEW_WEB_DIR));
  return app;
}

/**
 * The built React app. A GET for a path that is neither an API route nor a file is a client-side
 * route and gets index.html; everything else that matches nothing gets the JSON 404.
 */
async function serveWebApp(app: FastifyInstance, webDir: string): Promise<void> {
  const webBuilt = fs.existsSync(path.join(webDir, 'index.html'));
  if (webBuilt) {
    await app.register(fastifyStatic, { root: webDir });
  } else {
    app.log.warn({ webDir }, 'web UI not built; run `npm run build:web`');
  }
  app.setNotFoundHandler(async (request, reply) => {
    const pathname = request.url.split('?')[0]!;
    const clientRoute = request.method === 'GET' && !pathname.startsWith('/api/') && path.extname(pathname) === '';
    if (webBuilt && clientRoute) return reply.header('cache-control', 'no-cache').sendFile('index.html');
    return reply.status(404).send(notFoundBody(request.method, pathname));
  });
}
