import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps.ts';
import { actorOf } from '../../platform/http/access.ts';
import { userView } from '../identity/identity.schemas.ts';
import { updateUser } from '../identity/users.service.ts';
import { leadView } from '../leads/lead.schemas.ts';
import { getLead } from '../leads/lead.service.ts';
import { handOver, leadAssignment, leadAssignments, transferLeads } from './assignment.service.ts';
import { createDraft, publish, ruleSet, ruleSets, saveDraft } from './rule-set.service.ts';
import {
  assignmentList,
  assignmentView,
  handOverBody,
  movedView,
  newRuleSetBody,
  reassignBody,
  ruleSetBody,
  ruleSetList,
  ruleSetView,
  transferBody,
  userRoutingBody,
  versionParams,
} from './routing.schemas.ts';

const readers = { roles: ['admin', 'manager', 'rep', 'marketing'], apiKey: 'full' } as const;
const managers = { roles: ['admin', 'manager'], apiKey: 'full' } as const;
const admins = { roles: ['admin'], apiKey: 'full' } as const;
const idParams = z.object({ id: z.uuid() });
const tags = ['routing'];

export function routingRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/routing/rule-sets',
      { schema: { tags, response: { 200: ruleSetList } }, config: { access: managers } },
      async (request) => ({ items: await ruleSets(deps, actorOf(request)) }),
    );

    app.get(
      '/routing/rule-sets/:version',
      { schema: { tags, params: versionParams, response: { 200: ruleSetView } }, config: { access: managers } },
      async (request) => ruleSet(deps, actorOf(request), request.params.version),
    );

    app.post(
      '/routing/rule-sets',
      {
        schema: {
          tags,
          description: 'A new draft version, copied from `from` or from the published set.',
          body: newRuleSetBody,
          response: { 201: ruleSetView },
        },
        config: { access: admins },
      },
      async (request, reply) => reply.status(201).send(await createDraft(deps, actorOf(request), request.body.from)),
    );

    app.put(
      '/routing/rule-sets/:version',
      {
        schema: { tags, params: versionParams, body: ruleSetBody, response: { 200: ruleSetView } },
        config: { access: admins },
      },
      async (request) => saveDraft(deps, actorOf(request), request.params.version, request.body),
    );

    app.post(
      '/routing/rule-sets/:version/publish',
      {
        schema: {
          tags,
          description: 'Puts the draft in force (the set it replaces is retired); every new lead records this version.',
          params: versionParams,
          response: { 200: ruleSetView },
        },
        config: { access: admins },
      },
      async (request) => publish(deps, actorOf(request), request.params.version),
    );

    app.get(
      '/leads/:id/assignment',
      {
        schema: {
          tags,
          description: 'Why the lead has its owner: rule set version, rule, strategy and every candidate.',
          params: idParams,
          response: { 200: assignmentView },
        },
        config: { access: readers },
      },
      async (request) => leadAssignment(deps, actorOf(request), request.params.id),
    );

    app.get(
      '/leads/:id/assignments',
      { schema: { tags, params: idParams, response: { 200: assignmentList } }, config: { access: readers } },
      async (request) => ({ items: await leadAssignments(deps, actorOf(request), request.params.id) }),
    );

    app.post(
      '/leads/:id/reassign',
      {
        schema: { tags, params: idParams, body: reassignBody, response: { 200: leadView } },
        config: { access: managers },
      },
      async (request) => {
        const actor = actorOf(request);
        const { userId, reason } = request.body;
        await transferLeads(deps, actor, { leadIds: [request.params.id], toUserId: userId, reason }, 'manual');
        return getLead(deps, actor, request.params.id);
      },
    );

    app.post(
      '/leads/transfer',
      { schema: { tags, body: transferBody, response: { 200: movedView } }, config: { access: managers } },
      async (request) => transferLeads(deps, actorOf(request), request.body),
    );

    app.post(
      '/users/:id/hand-over',
      {
        schema: {
          tags,
          description: 'A rep leaves: marks them inactive and deals their open leads again by the rules.',
          params: idParams,
          body: handOverBody,
          response: { 200: movedView },
        },
        config: { access: managers },
      },
      async (request) => handOver(deps, actorOf(request), request.params.id, request.body),
    );

    app.patch(
      '/users/:id',
      {
        schema: { tags, params: idParams, body: userRoutingBody, response: { 200: userView } },
        config: { access: managers },
      },
      async (request) => updateUser(deps, actorOf(request), request.params.id, request.body),
    );
  };
}
