import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.ts';
import { actorOf } from '../../platform/http/access.ts';
import { leadIdParams } from '../leads/lead.schemas.ts';
import {
  assignBody,
  poolBody,
  poolIdParams,
  poolLeadList,
  poolLeadParams,
  poolLeadsQuery,
  poolList,
  poolMoveView,
  poolPatch,
  poolView,
  releaseBody,
} from './pool.schemas.ts';
import { assignFromPool, claimLead, releaseLead } from './pool-move.service.ts';
import { createPool, deletePool, getPool, listPools, poolLeads, updatePool } from './pool.service.ts';

const tags = ['pools'];
const people = { roles: ['admin', 'manager', 'rep', 'marketing'], apiKey: 'full' } as const;
const sellers = { roles: ['admin', 'manager', 'rep'] } as const;
const admins = { roles: ['admin'], apiKey: 'full' } as const;

export function poolRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/pools',
      {
        schema: { tags, description: 'The public pools (公海) the caller sees.', response: { 200: poolList } },
        config: { access: people },
      },
      async (request) => ({ items: await listPools(deps, actorOf(request)) }),
    );
    app.post(
      '/pools',
      {
        schema: {
          tags,
          description:
            'A public pool: its team or region, whether it is the default for reclaimed and released leads, visibility, admins and claim/reclaim knobs (seconds).',
          body: poolBody,
          response: { 201: poolView },
        },
        config: { access: admins },
      },
      async (request, reply) => reply.status(201).send(await createPool(deps, actorOf(request), request.body)),
    );
    app.get(
      '/pools/:poolId',
      { schema: { tags, params: poolIdParams, response: { 200: poolView } }, config: { access: people } },
      async (request) => getPool(deps, actorOf(request), request.params.poolId),
    );
    app.patch(
      '/pools/:poolId',
      {
        schema: { tags, params: poolIdParams, body: poolPatch, response: { 200: poolView } },
        config: { access: admins },
      },
      async (request) => updatePool(deps, actorOf(request), request.params.poolId, request.body),
    );
    app.delete(
      '/pools/:poolId',
      { schema: { tags, params: poolIdParams }, config: { access: admins } },
      async (request, reply) => {
        await deletePool(deps, actorOf(request), request.params.poolId);
        return reply.status(204).send();
      },
    );
    app.get(
      '/pools/:poolId/leads',
      {
        schema: {
          tags,
          description:
            'Leads waiting in the pool, newest first; phone and e-mail masked until claimed when the pool says so.',
          params: poolIdParams,
          querystring: poolLeadsQuery,
          response: { 200: poolLeadList },
        },
        config: { access: people },
      },
      async (request) => ({
        items: await poolLeads(deps, actorOf(request), request.params.poolId, request.query.limit),
      }),
    );
    app.post(
      '/pools/:poolId/leads/:leadId/claim',
      {
        schema: {
          tags,
          description:
            'Claims a waiting lead. Refusals carry canClaim’s code: NOT_IN_POOL (409, also the loser of a race), NOT_VISIBLE, INACTIVE (403), DAILY_LIMIT, MAX_HELD, TOO_SOON, COOLING_DOWN (409).',
          params: poolLeadParams,
          response: { 200: poolMoveView },
        },
        config: { access: sellers },
      },
      async (request) => claimLead(deps, actorOf(request), request.params.poolId, request.params.leadId),
    );
    app.post(
      '/pools/:poolId/leads/:leadId/assign',
      {
        schema: { tags, params: poolLeadParams, body: assignBody, response: { 200: poolMoveView } },
        config: { access: { roles: ['admin', 'manager', 'rep'], apiKey: 'full' } },
      },
      async (request) =>
        assignFromPool(deps, actorOf(request), request.params.poolId, request.params.leadId, request.body.userId),
    );
    app.post(
      '/leads/:id/release',
      {
        schema: {
          tags,
          description:
            'Gives a lead back to a pool with a reason: the one named, else the team’s default, else the workspace’s.',
          params: leadIdParams,
          body: releaseBody,
          response: { 200: poolMoveView },
        },
        config: { access: { roles: ['admin', 'manager', 'rep'], apiKey: 'full' } },
      },
      async (request) => releaseLead(deps, actorOf(request), request.params.id, request.body),
    );
  };
}
