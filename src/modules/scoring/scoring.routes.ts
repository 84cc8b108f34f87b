import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps.ts';
import { actorOf } from '../../platform/http/access.ts';
import { activateModel, getModel, listModels, modelReadiness, requestModel, scoringFeatures } from './model.service.ts';
import {
  idParams,
  modelList,
  modelView,
  previewResponse,
  readinessView,
  scoringConfigBody,
  scoringConfigView,
  scoringJobView,
  trainModelBody,
} from './scoring.schemas.ts';
import { getScoringConfig, getScoringJob, previewScoring, requestRescore, saveScoring } from './scoring.service.ts';

const readers = { roles: ['admin', 'manager', 'marketing'], apiKey: 'full' } as const;
const admins = { roles: ['admin'], apiKey: 'full' } as const;
const accepted = z.object({ id: z.uuid() });
const tags = ['scoring'];

export function scoringRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/scoring/config',
      { schema: { tags, response: { 200: scoringConfigView } }, config: { access: readers } },
      async (request) => getScoringConfig(deps, actorOf(request)),
    );

    app.put(
      '/scoring/config',
      {
        schema: {
          tags,
          description: 'Saves the whole rule set and settings; every lead is then rescored in the background (lastJob).',
          body: scoringConfigBody,
          response: { 200: scoringConfigView },
        },
        config: { access: admins },
      },
      async (request) => saveScoring(deps, actorOf(request), request.body),
    );

    app.post(
      '/scoring/preview',
      {
        schema: {
          tags,
          description: 'What an unsaved rule set would do: grade changes against the saved one, with examples.',
          body: scoringConfigBody,
          response: { 200: previewResponse },
        },
        config: { access: readers },
      },
      async (request) => previewScoring(deps, actorOf(request), request.body),
    );

    app.post(
      '/scoring/rescore',
      { schema: { tags, response: { 202: accepted } }, config: { access: admins } },
      async (request, reply) => reply.status(202).send(await requestRescore(deps, actorOf(request))),
    );

    app.get(
      '/scoring/jobs/:id',
      { schema: { tags, params: idParams, response: { 200: scoringJobView } }, config: { access: readers } },
      async (request) => getScoringJob(deps, actorOf(request), request.params.id),
    );

    app.get(
      '/scoring/readiness',
      { schema: { tags, response: { 200: readinessView } }, config: { access: readers } },
      async (request) => modelReadiness(deps, actorOf(request)),
    );

    app.get(
      '/scoring/features',
      {
        schema: {
          tags,
          response: {
            200: z.object({
              items: z.array(z.object({ name: z.string(), kind: z.enum(['number', 'category', 'bool', 'tags']) })),
            }),
          },
        },
        config: { access: readers },
      },
      async (request) => ({ items: await scoringFeatures(deps, actorOf(request)) }),
    );

    app.post(
      '/scoring/models',
      {
        schema: {
          tags,
          description:
            'Trains a win-probability model on the won and lost leads in the background (422 NOT_ENOUGH_OUTCOMES, ' +
            'saying how many more are needed, when there are too few). A ready model becomes the active one.',
          body: trainModelBody,
          response: { 202: accepted },
        },
        config: { access: admins },
      },
      async (request, reply) => reply.status(202).send(await requestModel(deps, actorOf(request), request.body)),
    );

    app.get(
      '/scoring/models',
      { schema: { tags, response: { 200: modelList } }, config: { access: readers } },
      async (request) => ({ items: await listModels(deps, actorOf(request)) }),
    );

    app.get(
      '/scoring/models/:id',
      { schema: { tags, params: idParams, response: { 200: modelView } }, config: { access: readers } },
      async (request) => getModel(deps, actorOf(request), request.params.id),
    );

    app.post(
      '/scoring/models/:id/activate',
      { schema: { tags, params: idParams, response: { 200: modelView } }, config: { access: admins } },
      async (request) => activateModel(deps, actorOf(request), request.params.id),
    );
  };
}
