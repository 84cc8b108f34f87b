import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.ts';
import { actorOf } from '../../platform/http/access.ts';
import { pipelineBody, pipelineIdParams, pipelineList, pipelinePatch, pipelineView } from './pipeline.schemas.ts';
import { createPipeline, getPipeline, pipelinesOf, updatePipeline } from './pipeline.service.ts';

const tags = ['pipelines'];
const people = { roles: ['admin', 'manager', 'rep', 'marketing'], apiKey: 'full' } as const;
const admins = { roles: ['admin'], apiKey: 'full' } as const;

export function pipelineRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/pipelines',
      {
        schema: {
          tags,
          description:
            'Every pipeline with its stages in order (a bare array, the default first). requiredFields must be filled to enter a stage; requiredTasks (its task templates’ keys) done to leave it.',
          response: { 200: pipelineList },
        },
        config: { access: people },
      },
      async (request) => pipelinesOf(deps, actorOf(request)),
    );
    app.post(
      '/pipelines',
      {
        schema: {
          tags,
          description: 'A pipeline of 8–12 stages, each with win probability, gate and task templates.',
          body: pipelineBody,
          response: { 201: pipelineView },
        },
        config: { access: admins },
      },
      async (request, reply) => reply.status(201).send(await createPipeline(deps, actorOf(request), request.body)),
    );
    app.get(
      '/pipelines/:id',
      { schema: { tags, params: pipelineIdParams, response: { 200: pipelineView } }, config: { access: people } },
      async (request) => getPipeline(deps, actorOf(request), request.params.id),
    );
    app.patch(
      '/pipelines/:id',
      {
        schema: {
          tags,
          description:
            'Renames, makes default, or replaces the stage list (stages with an id are kept; removing one with deals in it is 409).',
          params: pipelineIdParams,
          body: pipelinePatch,
          response: { 200: pipelineView },
        },
        config: { access: admins },
      },
      async (request) => updatePipeline(deps, actorOf(request), request.params.id, request.body),
    );
  };
}
