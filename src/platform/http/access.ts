import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TtlCache } from '../ttl-cache.ts';
import { AppError } from '../errors.ts';
import { isAdmitted, type Actor, type RouteAccess } from './actor.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** Resolves the request's credential again: long-lived streams check it is still valid. */
    reauthenticate: () => Promise<Actor | null>;
  }
  interface FastifyInstance {
    /** Every API route with its declared access, for the access tests. */
    apiRoutes: DeclaredRoute[];
  }
}

export interface DeclaredRoute {
  method: string;
  url: string;
  access: RouteAccess;
}

export const SESSION_COOKIE = 'clew_session';
export const CSRF_HEADER = 'x-clew-csrf';

export interface Authenticator {
  bySessionToken(token: string): Promise<Actor | null>;
  byApiKey(key: string): Promise<Actor | null>;
}

/** Remembers resolved credentials (never failures) under a hash of the secret. */
export function cachedAuthenticator(cache: TtlCache<Actor>, inner: Authenticator): Authenticator {
  // A revocation that lands while a lookup is in flight clears the cache, so what was read is not kept.
  const cached = (kind: string, secret: string, resolve: (secret: string) => Promise<Actor | null>) =>
    cache.load(`${kind}:${createHash('sha256').update(secret).digest('base64url')}`, () => resolve(secret));
  return {
    bySessionToken: (token) => cached('session', token, inner.bySessionToken),
    byApiKey: (key) => cached('key', key, inner.byApiKey),
  };
}

/**
 * Resolves the caller (Bearer session token, API key, or session cookie) and enforces the
 * route's declared access. Cookie-authenticated writes must carry the CSRF header, which a
 * cross-site form cannot send.
 */
export function installAccessControl(app: FastifyInstance, auth: Authenticator): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('reauthenticate', async () => null);
  const apiRoutes: DeclaredRoute[] = [];
  app.decorate('apiRoutes', apiRoutes);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v')) return;
    const access = route.config?.access;
    if (!access) throw new Error(`Route ${route.method} ${route.url} does not declare config.access`);
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') apiRoutes.push({ method, url: route.url, access });
    }
  });

  // onRequest: an unauthenticated caller is refused before its body is even parsed or validated.
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    if (!access || 'public' in access) return;
    const actor = await resolveActor(request, auth);
    if (!actor) throw new AppError('UNAUTHENTICATED', 'Sign in or send an API key');
    if (!isAdmitted(actor, access)) throw new AppError('FORBIDDEN', 'Your role cannot do this');
    if (actor.kind === 'user' && actor.viaCookie && isUnsafe(request.method)) {
      if (request.headers[CSRF_HEADER] !== '1') {
        throw new AppError('FORBIDDEN', `Cookie-authenticated writes need the ${CSRF_HEADER} header`);
      }
    }
    request.actor = actor;
    request.reauthenticate = () => resolveActor(request, auth);
  });
}

async function resolveActor(request: FastifyRequest, auth: Authenticator): Promise<Actor | null> {
  const header = request.headers.authorization;
  if (header) {
    const [scheme, credential] = header.split(' ', 2);
    if (!credential || scheme?.toLowerCase() !== 'bearer') return null;
    return credential.startsWith('clew_') ? auth.byApiKey(credential) : auth.bySessionToken(credential);
  }
  const apiKey = request.headers['x-api-key'];
  if (typeof apiKey === 'string') return auth.byApiKey(apiKey);
  const cookie = request.cookies[SESSION_COOKIE];
  if (cookie) {
    const actor = await auth.bySessionToken(cookie);
    return actor?.kind === 'user' ? { ...actor, viaCookie: true } : null;
  }
  return null;
}

function isUnsafe(method: string): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(method);
}

/** The actor of a route that declared non-public access; the preHandler guarantees it is set. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED', 'Sign in or send an API key');
  return request.actor;
}
