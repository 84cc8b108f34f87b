import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.ts';
import { actorOf } from '../../platform/http/access.ts';
import { getLead } from '../leads/lead.service.ts';
import { leadIdParams } from '../leads/lead.schemas.ts';
import {
  candidateList,
  candidateStatusQuery,
  dedupeSettingsBody,
  duplicateCheckQuery,
  duplicateCheckResponse,
  idParams,
  mergeCandidateBody,
  mergeLeadBody,
  mergeList,
  mergeView,
  scanResponse,
} from './dedupe.schemas.ts';
import {
  changeDedupeSettings,
  dedupeSettings,
  dismissCandidate,
  duplicateCheck,
  listCandidates,
  mergeCandidate,
  scanDuplicates,
} from './dedupe.service.ts';
import { listMerges, mergeLeads, undoMerge } from './merge.service.ts';

const everyone = { roles: ['admin', 'manager', 'rep', 'marketing'] } as const;
const judges = { roles: ['admin', 'manager'] } as const;
const admins = { roles: ['admin'] } as const;
const tags = ['dedupe'];

export function dedupeRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/leads/duplicate-check',
      {
        schema: {
          tags,
          description:
            'Who a lead being typed in may already be: same phone, e-mail, name at a like company, or company.',
          querystring: duplicateCheckQuery,
          response: { 200: duplicateCheckResponse },
        },
        config: { access: everyone },
      },
      async (request) => duplicateCheck(deps, actorOf(request), request.query),
    );

    app.get(
      '/duplicates',
      {
        schema: { tags, querystring: candidateStatusQuery, response: { 200: candidateList } },
        config: { access: judges },
      },
      async (request) => ({ items: await listCandidates(deps, actorOf(request), request.query.status) }),
    );

    app.post(
      '/duplicates/:id/merge',
      {
        schema: { tags, params: idParams, body: mergeCandidateBody, response: { 200: mergeView } },
        config: { access: judges },
      },
      async (request) => mergeCandidate(deps, actorOf(request), request.params.id, request.body.keep),
    );

    app.post(
      '/duplicates/:id/dismiss',
      { schema: { tags, params: idParams }, config: { access: judges } },
      async (request, reply) => {
        await dismissCandidate(deps, actorOf(request), request.params.id);
        return reply.status(204).send();
      },
    );

    app.post(
      '/duplicates/scan',
      {
        schema: {
          tags,
          description: 'Looks for duplicates among existing leads and queues them for review.',
          response: { 200: scanResponse },
        },
        config: { access: admins },
      },
      async (request) => scanDuplicates(deps, actorOf(request).workspaceId),
    );

    app.post(
      '/leads/:id/merge',
      {
        schema: { tags, params: leadIdParams, body: mergeLeadBody, response: { 200: mergeView } },
        config: { access: judges },
      },
      async (request) =>
        mergeLeads(deps, actorOf(request), { survivorId: request.params.id, mergedId: request.body.mergedId }),
    );

    app.get(
      '/leads/:id/merges',
      { schema: { tags, params: leadIdParams, response: { 200: mergeList } }, config: { access: everyone } },
      async (request) => {
        await getLead(deps, actorOf(request), request.params.id);
        return { items: await listMerges(deps, actorOf(request), request.params.id) };
      },
    );

    app.post(
      '/merges/:id/undo',
      { schema: { tags, params: idParams, response: { 200: mergeView } }, config: { access: judges } },
      async (request) => undoMerge(deps, actorOf(request), request.params.id),
    );

    app.get(
      '/dedupe/settings',
      { schema: { tags, response: { 200: dedupeSettingsBody } }, config: { access: judges } },
      async (request) => dedupeSettings(deps, actorOf(request)),
    );

    app.put(
      '/dedupe/settings',
      { schema: { tags, body: dedupeSettingsBody, response: { 200: dedupeSettingsBody } }, config: { access: admins } },
      async (request) => changeDedupeSettings(deps, actorOf(request), request.body),
    );
  };
}
