import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf, SESSION_COOKIE } from '../../platform/http/access.ts';
import { roles } from '../../platform/http/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import { login, logout } from './auth.service.ts';
import { loginBody, loginResponse, meResponse, toUserView, userListResponse } from './identity.schemas.ts';
import { me, visibleUsers } from './users.service.ts';

const anyone = { roles } as const;

export function identityRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/auth/login',
      {
        schema: { tags: ['auth'], body: loginBody, response: { 200: loginResponse } },
        config: {
          access: { public: true },
          rateLimit: { max: deps.config.CLEW_LOGIN_RATE_PER_MINUTE, timeWindow: 60_000 },
        },
      },
      async (request, reply) => {
        const result = await login(deps, request.body.email, request.body.password);
        reply.setCookie(SESSION_COOKIE, result.token, {
          httpOnly: true,
          sameSite: 'lax',
          secure: deps.config.CLEW_COOKIE_SECURE,
          path: '/',
          expires: result.expiresAt,
        });
        return {
          token: result.token,
          expiresAt: result.expiresAt.toISOString(),
          user: toUserView(result.user),
        };
      },
    );

    app.post('/auth/logout', { schema: { tags: ['auth'] }, config: { access: anyone } }, async (request, reply) => {
      const header = request.headers.authorization?.split(' ', 2)[1];
      const token = header ?? request.cookies[SESSION_COOKIE];
      if (token) await logout(deps, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    });

    app.get(
      '/me',
      { schema: { tags: ['auth'], response: { 200: meResponse } }, config: { access: anyone } },
      async (request) => me(deps, actorOf(request)),
    );

    app.get(
      '/users',
      {
        schema: { tags: ['users'], response: { 200: userListResponse } },
        config: { access: { roles, apiKey: 'full' } },
      },
      async (request) => ({ items: await visibleUsers(deps, actorOf(request)) }),
    );
  };
}
