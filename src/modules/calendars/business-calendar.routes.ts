import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.ts';
import { actorOf } from '../../platform/http/access.ts';
import {
  businessCalendarBody,
  businessCalendarList,
  businessCalendarPatch,
  businessCalendarView,
  calendarIdParams,
  defaultCalendarBody,
  defaultCalendarView,
  dueQuery,
  dueView,
  presetQuery,
} from './business-calendar-api.schemas.ts';
import {
  createCalendar,
  deleteCalendar,
  dueIn,
  getCalendar,
  importChinaHolidays,
  listCalendars,
  setWorkspaceDefault,
  updateCalendar,
} from './business-calendar.service.ts';

const tags = ['sla'];
const readers = { roles: ['admin', 'manager'], apiKey: 'full' } as const;
const admins = { roles: ['admin'], apiKey: 'full' } as const;

/** Business-hours calendars: deadlines count business time in the lead owner's, team's or workspace's. */
export function businessCalendarRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/business-calendars',
      { schema: { tags, response: { 200: businessCalendarList } }, config: { access: readers } },
      async (request) => listCalendars(deps, actorOf(request)),
    );
    app.post(
      '/business-calendars',
      {
        schema: {
          tags,
          description:
            'Business hours: a time zone, spans per weekday (a lunch break is the gap between two spans), holidays and make-up working days (调休). `preset: "china-2026"` fills mainland China’s 2026 holidays and 调休 too.',
          body: businessCalendarBody,
          response: { 201: businessCalendarView },
        },
        config: { access: admins },
      },
      async (request, reply) => reply.status(201).send(await createCalendar(deps, actorOf(request), request.body)),
    );
    app.patch(
      '/business-calendars/default',
      {
        schema: {
          tags,
          description: 'The workspace’s calendar for leads whose owner and team name none (null: around the clock).',
          body: defaultCalendarBody,
          response: { 200: defaultCalendarView },
        },
        config: { access: admins },
      },
      async (request) => setWorkspaceDefault(deps, actorOf(request), request.body.businessCalendarId),
    );
    app.get(
      '/business-calendars/:id',
      {
        schema: { tags, params: calendarIdParams, response: { 200: businessCalendarView } },
        config: { access: readers },
      },
      async (request) => getCalendar(deps, actorOf(request), request.params.id),
    );
    app.patch(
      '/business-calendars/:id',
      {
        schema: {
          tags,
          params: calendarIdParams,
          body: businessCalendarPatch,
          response: { 200: businessCalendarView },
        },
        config: { access: admins },
      },
      async (request) => updateCalendar(deps, actorOf(request), request.params.id, request.body),
    );
    app.delete(
      '/business-calendars/:id',
      {
        schema: {
          tags,
          description: 'Refused with CALENDAR_IN_USE (409) while a user, a team or the workspace default names it.',
          params: calendarIdParams,
        },
        config: { access: admins },
      },
      async (request, reply) => {
        await deleteCalendar(deps, actorOf(request), request.params.id);
        return reply.status(204).send();
      },
    );
    app.get(
      '/business-calendars/:id/due',
      {
        schema: {
          tags,
          description: 'When `seconds` of business time have passed from `from` (now when left out) in this calendar.',
          params: calendarIdParams,
          querystring: dueQuery,
          response: { 200: dueView },
        },
        config: { access: readers },
      },
      async (request) => dueIn(deps, actorOf(request), request.params.id, request.query),
    );
    app.post(
      '/business-calendars/:id/holidays/china',
      {
        schema: {
          tags,
          description: 'Lays a year of mainland China’s holidays and make-up working days (调休) over the calendar.',
          params: calendarIdParams,
          querystring: presetQuery,
          response: { 200: businessCalendarView },
        },
        config: { access: admins },
      },
      async (request) => importChinaHolidays(deps, actorOf(request), request.params.id, request.query.year),
    );
  };
}
