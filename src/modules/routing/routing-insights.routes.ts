import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.ts';
import { actorOf } from '../../platform/http/access.ts';
import { allocationReport } from './allocation-report.service.ts';
import { allocationQuery, allocationReportView, simulationBody, simulationView } from './routing-insights.schemas.ts';
import { simulateRouting } from './simulation.service.ts';

const leaders = { roles: ['admin', 'manager'], apiKey: 'full' } as const;
const tags = ['routing'];

/** What-if replays of rule sets and the monthly allocation report: reads only. */
export function routingInsightRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/routing/simulations',
      {
        schema: {
          tags,
          description:
            'Replays the leads created in [from, to) through a stored rule set (draft or published) without side ' +
            'effects, against the current reps and teams, beside what really happened.',
          body: simulationBody,
          response: { 200: simulationView },
        },
        config: { access: leaders },
      },
      async (request) => simulateRouting(deps, actorOf(request), request.body),
    );

    app.get(
      '/routing/reports/allocation',
      {
        schema: { tags, querystring: allocationQuery, response: { 200: allocationReportView } },
        config: { access: leaders },
      },
      async (request) => allocationReport(deps, actorOf(request), request.query.month),
    );
  };
}
