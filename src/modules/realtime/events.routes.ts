import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.ts';
import { actorOf } from '../../platform/http/access.ts';
import { roles } from '../../platform/http/actor.ts';
import { AppError } from '../../platform/errors.ts';

export function eventRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/events',
      {
        schema: {
          tags: ['realtime'],
          description:
            'Server-Sent Events for the signed-in user: lead.assigned, lead.touched, lead.urgent, lead.flagged, lead.deadline (a response-deadline reminder, breach or escalation), lead.pool (a lead claimed, released or reclaimed: data.move).',
        },
        config: { access: { roles } },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        if (actor.kind !== 'user') throw new AppError('FORBIDDEN', 'Events are for signed-in users');
        reply.hijack();
        const stream = reply.raw;
        stream.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        stream.write(': connected\n\n');
        const unsubscribe = deps.events.subscribe(actor.workspaceId, actor.userId, (event) => {
          stream.write(`event: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`);
        });
        // Each heartbeat re-checks the credential: a stream ends within one heartbeat of sign-out.
        const heartbeat = setInterval(() => {
          request.reauthenticate().then(
            (still) => (still ? stream.write(': heartbeat\n\n') : stream.end()),
            () => stream.end(),
          );
        }, deps.config.CLEW_SSE_HEARTBEAT_MS);
        const closeStream = () => {
          clearInterval(heartbeat);
          unsubscribe();
        };
        request.raw.on('close', closeStream);
      },
    );
  };
}
