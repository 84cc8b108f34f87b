import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.ts';
import { actorOf } from '../../platform/http/access.ts';
import { policyIdParams, slaPolicyBody, slaPolicyList, slaPolicyPatch, slaPolicyView } from './sla-policy.schemas.ts';
import { createPolicy, getPolicy, listPolicies, updatePolicy } from './sla-policy.service.ts';

const tags = ['sla'];
const readers = { roles: ['admin', 'manager', 'rep', 'marketing'], apiKey: 'full' } as const;
const admins = { roles: ['admin'], apiKey: 'full' } as const;

export function slaPolicyRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/sla-policies',
      { schema: { tags, response: { 200: slaPolicyList } }, config: { access: readers } },
      async (request) => ({ items: await listPolicies(deps, actorOf(request)) }),
    );
    app.get(
      '/sla-policies/:id',
      { schema: { tags, params: policyIdParams, response: { 200: slaPolicyView } }, config: { access: readers } },
      async (request) => getPolicy(deps, actorOf(request), request.params.id),
    );
    app.post(
      '/sla-policies',
      {
        schema: {
          tags,
          description:
            'A response-deadline policy: which leads (grade, urgency, channel, team), targets in seconds (assign, firstTouch, firstNeedTags, solutionStart, nextFollowUp) and the breach ladder (reminders at fractions, then notify_owner, escalate_manager, reclaim_to_pool, reassign_by_rules). Applies to leads assigned from now on.',
          body: slaPolicyBody,
          response: { 201: slaPolicyView },
        },
        config: { access: admins },
      },
      async (request, reply) => reply.status(201).send(await createPolicy(deps, actorOf(request), request.body)),
    );
    app.patch(
      '/sla-policies/:id',
      {
        schema: { tags, params: policyIdParams, body: slaPolicyPatch, response: { 200: slaPolicyView } },
        config: { access: admins },
      },
      async (request) => updatePolicy(deps, actorOf(request), request.params.id, request.body),
    );
  };
}
