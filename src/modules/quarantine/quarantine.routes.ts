import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.ts';
import { actorOf } from '../../platform/http/access.ts';
import {
  discardBody,
  heldIdParams,
  heldPage,
  heldSummary as heldSummarySchema,
  heldView,
  listHeldQuery,
  releaseBody,
  releaseResult,
} from './quarantine.schemas.ts';
import {
  discardHeld,
  getHeldSubmission,
  heldSummary,
  listHeldSubmissions,
  releaseHeld,
  type QuarantineDeps,
} from './quarantine.service.ts';

// Raw submissions carry other people's contact details and IP addresses: reviewers only, no keys.
const reviewers = { roles: ['admin', 'manager', 'marketing'] } as const;

export function quarantineRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const service: QuarantineDeps = { ...deps, serialisedTransactions: deps.database.kind === 'pglite' };
  return async (app) => {
    app.get(
      '/quarantine',
      {
        schema: {
          tags: ['quarantine'],
          description: 'Submissions intake could not accept (rejected) or held as suspect (quarantined), newest first.',
          querystring: listHeldQuery,
          response: { 200: heldPage },
        },
        config: { access: reviewers },
      },
      async (request) => listHeldSubmissions(service, actorOf(request), request.query),
    );

    app.get(
      '/quarantine/summary',
      {
        schema: {
          tags: ['quarantine'],
          description: 'Open items by kind and by reason.',
          response: { 200: heldSummarySchema },
        },
        config: { access: reviewers },
      },
      async (request) => heldSummary(service, actorOf(request)),
    );

    app.get(
      '/quarantine/:id',
      {
        schema: { tags: ['quarantine'], params: heldIdParams, response: { 200: heldView } },
        config: { access: reviewers },
      },
      async (request) => getHeldSubmission(service, actorOf(request), request.params.id),
    );

    app.post(
      '/quarantine/:id/release',
      {
        schema: {
          tags: ['quarantine'],
          description:
            'Writes the fixed lead through intake with the submission’s original channel and source, and marks it ' +
            'released. Still-invalid values answer 4xx with the field; an already resolved submission answers 409.',
          params: heldIdParams,
          body: releaseBody,
          response: { 200: releaseResult },
        },
        config: { access: reviewers },
      },
      async (request) => releaseHeld(service, actorOf(request), request.params.id, request.body),
    );

    app.post(
      '/quarantine/:id/discard',
      {
        schema: {
          tags: ['quarantine'],
          description: 'Marks the submission discarded; it is kept, with its payload, never deleted.',
          params: heldIdParams,
          body: discardBody.optional(),
          response: { 200: heldView },
        },
        config: { access: reviewers },
      },
      async (request) => discardHeld(service, actorOf(request), request.params.id, request.body),
    );
  };
}
