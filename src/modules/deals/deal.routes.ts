import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.ts';
import { actorOf } from '../../platform/http/access.ts';
import { leadIdParams } from '../leads/lead.schemas.ts';
import {
  convertBody,
  convertResult,
  dealIdParams,
  dealList,
  dealListQuery,
  dealPatch,
  dealView,
  stageMoveBody,
  taskIdParams,
  taskList,
  taskListQuery,
  taskView,
} from './deal.schemas.ts';
import {
  changeDeal,
  completeTask,
  convertLead,
  dealsOf,
  dealTasks,
  getDeal,
  moveDeal,
  tasksOfOwners,
} from './deal.service.ts';

const tags = ['deals'];
const readers = { roles: ['admin', 'manager', 'rep', 'marketing'], apiKey: 'full' } as const;
const sellers = { roles: ['admin', 'manager', 'rep'], apiKey: 'full' } as const;

export function dealRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/leads/:id/convert',
      {
        schema: {
          tags,
          description:
            'Converts a lead into a deal (商机) at the first stage of a pipeline, creating or linking the account (same company match key: one account) and a contact. A second conversion is 409 ALREADY_CONVERTED.',
          params: leadIdParams,
          body: convertBody.nullish(),
          response: { 201: convertResult },
        },
        config: { access: sellers },
      },
      async (request, reply) =>
        reply.status(201).send(await convertLead(deps, actorOf(request), request.params.id, request.body ?? {})),
    );
    app.get(
      '/deals',
      {
        schema: {
          tags,
          description: 'The deals the caller sees (rep: own; manager: team subtree), most recently changed first.',
          querystring: dealListQuery,
          response: { 200: dealList },
        },
        config: { access: readers },
      },
      async (request) => ({ items: await dealsOf(deps, actorOf(request), request.query) }),
    );
    app.get(
      '/tasks',
      {
        schema: {
          tags,
          description:
            'Stage tasks of the owners the caller sees, soonest due first; status=open&dueBefore=<end of today> is today’s and overdue work.',
          querystring: taskListQuery,
          response: { 200: taskList },
        },
        config: { access: readers },
      },
      async (request) => ({ items: await tasksOfOwners(deps, actorOf(request), request.query) }),
    );
    app.get(
      '/deals/:id',
      {
        schema: {
          tags,
          description: 'A deal with its requirement fields and its stage history (time in stage, skips and reasons).',
          params: dealIdParams,
          response: { 200: dealView },
        },
        config: { access: readers },
      },
      async (request) => getDeal(deps, actorOf(request), request.params.id),
    );
    app.patch(
      '/deals/:id',
      {
        schema: { tags, params: dealIdParams, body: dealPatch, response: { 200: dealView } },
        config: { access: sellers },
      },
      async (request) => changeDeal(deps, actorOf(request), request.params.id, request.body),
    );
    app.post(
      '/deals/:id/stage',
      {
        schema: {
          tags,
          description:
            'Moves the deal to a stage. Forward over an unmet gate: 422 STAGE_GATE_UNMET with error.missing {fields, tasks}; past other stages: a skipReason is needed (422 SKIP_REASON_REQUIRED). With a skipReason both are allowed and recorded. Backward is always allowed.',
          params: dealIdParams,
          body: stageMoveBody,
          response: { 200: dealView },
        },
        config: { access: sellers },
      },
      async (request) => moveDeal(deps, actorOf(request), request.params.id, request.body),
    );
    app.get(
      '/deals/:id/tasks',
      {
        schema: {
          tags,
          description: 'The tasks the deal’s stages created, by due time.',
          params: dealIdParams,
          response: { 200: taskList },
        },
        config: { access: readers },
      },
      async (request) => ({ items: await dealTasks(deps, actorOf(request), request.params.id) }),
    );
    app.post(
      '/tasks/:id/complete',
      {
        schema: {
          tags,
          description: 'Marks a stage task done (its owner, or a manager over them); again: no change.',
          params: taskIdParams,
          response: { 200: taskView },
        },
        config: { access: sellers },
      },
      async (request) => completeTask(deps, actorOf(request), request.params.id),
    );
  };
}
