import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.ts';
import { actorOf } from '../../platform/http/access.ts';
import {
  channelBody,
  channelList,
  channelPatch,
  channelView,
  deliveryPage,
  deliveryView,
  idParams,
  listDeliveriesQuery,
  listNotificationsQuery,
  markReadBody,
  markReadResult,
  myPreferencesView,
  notificationPage,
  teamParams,
  teamPreferencesView,
  unreadCount,
} from './notification-api.schemas.ts';
import { notificationPreferences, userPreferences } from './notification.schemas.ts';
import {
  createChannel,
  deleteChannel,
  getChannel,
  listChannels,
  listDeliveries,
  listNotifications,
  markNotificationsRead,
  myPreferences,
  saveMyPreferences,
  saveTeamPreferences,
  teamPreferences,
  testChannel,
  unreadCount as countUnread,
  updateChannel,
} from './notification.service.ts';

const tags = ['notifications'];
const people = { roles: ['admin', 'manager', 'rep', 'marketing'] } as const;
const managers = { roles: ['admin', 'manager'] } as const;
const admins = { roles: ['admin'], apiKey: 'full' } as const;

export function notificationRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/notifications',
      {
        schema: { tags, querystring: listNotificationsQuery, response: { 200: notificationPage } },
        config: { access: people },
      },
      async (request) => listNotifications(deps, actorOf(request), request.query),
    );
    app.get(
      '/notifications/unread-count',
      { schema: { tags, response: { 200: unreadCount } }, config: { access: people } },
      async (request) => countUnread(deps, actorOf(request)),
    );
    app.post(
      '/notifications/read',
      {
        schema: {
          tags,
          description: 'Marks the caller’s notifications read: `{ids: [...]}` or `{all: true}`.',
          body: markReadBody,
          response: { 200: markReadResult },
        },
        config: { access: people },
      },
      async (request) => markNotificationsRead(deps, actorOf(request), request.body),
    );

    app.get(
      '/notification-channels',
      { schema: { tags, response: { 200: channelList } }, config: { access: admins } },
      async (request) => listChannels(deps, actorOf(request)),
    );
    app.get(
      '/notification-channels/:id',
      { schema: { tags, params: idParams, response: { 200: channelView } }, config: { access: admins } },
      async (request) => getChannel(deps, actorOf(request), request.params.id),
    );
    app.post(
      '/notification-channels',
      {
        schema: {
          tags,
          description:
            'A group robot (wecom, dingtalk, feishu), a signed webhook or an e-mail list, for the events matching `events`; with `teamId`, only that team’s events.',
          body: channelBody,
          response: { 201: channelView },
        },
        config: { access: admins },
      },
      async (request, reply) => reply.status(201).send(await createChannel(deps, actorOf(request), request.body)),
    );
    app.patch(
      '/notification-channels/:id',
      {
        schema: { tags, params: idParams, body: channelPatch, response: { 200: channelView } },
        config: { access: admins },
      },
      async (request) => updateChannel(deps, actorOf(request), request.params.id, request.body),
    );
    app.delete(
      '/notification-channels/:id',
      { schema: { tags, params: idParams }, config: { access: admins } },
      async (request, reply) => {
        await deleteChannel(deps, actorOf(request), request.params.id);
        return reply.status(204).send();
      },
    );
    app.post(
      '/notification-channels/:id/test',
      {
        schema: {
          tags,
          description: 'Sends a test message now, once, and answers with its delivery-log entry.',
          params: idParams,
          response: { 200: deliveryView },
        },
        config: { access: admins },
      },
      async (request) => testChannel(deps, actorOf(request), request.params.id),
    );
    app.get(
      '/notification-deliveries',
      {
        schema: { tags, querystring: listDeliveriesQuery, response: { 200: deliveryPage } },
        config: { access: admins },
      },
      async (request) => listDeliveries(deps, actorOf(request), request.query),
    );

    app.get(
      '/notification-preferences/me',
      { schema: { tags, response: { 200: myPreferencesView } }, config: { access: people } },
      async (request) => myPreferences(deps, actorOf(request)),
    );
    app.put(
      '/notification-preferences/me',
      { schema: { tags, body: userPreferences, response: { 200: myPreferencesView } }, config: { access: people } },
      async (request) => saveMyPreferences(deps, actorOf(request), request.body),
    );
    app.get(
      '/notification-preferences/teams/:teamId',
      { schema: { tags, params: teamParams, response: { 200: teamPreferencesView } }, config: { access: managers } },
      async (request) => teamPreferences(deps, actorOf(request), request.params.teamId),
    );
    app.put(
      '/notification-preferences/teams/:teamId',
      {
        schema: { tags, params: teamParams, body: notificationPreferences, response: { 200: teamPreferencesView } },
        config: { access: managers },
      },
      async (request) => saveTeamPreferences(deps, actorOf(request), request.params.teamId, request.body),
    );
  };
}
