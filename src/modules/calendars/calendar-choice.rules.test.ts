import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from '../sla/business-calendar.schemas.ts';
import { chooseCalendar, type CalendarDirectory, type CalendarSource } from './calendar-choice.rules.ts';

const calendar = (timeZone: string): BusinessCalendar => ({
  timeZone,
  weekly: { mon: [{ start: '09:00', end: '18:00' }] },
  hourSets: {},
  holidays: [],
  makeUpWorkdays: [],
});

const calendars = new Map([
  ['rep-cal', calendar('Asia/Shanghai')],
  ['team-cal', calendar('Asia/Tokyo')],
  ['region-cal', calendar('Asia/Singapore')],
  ['default-cal', calendar('Europe/London')],
]);

const directory = (overrides: Partial<CalendarDirectory> = {}): CalendarDirectory => ({
  calendars,
  users: new Map([
    ['rep-own', { teamId: 'team-with', calendarId: 'rep-cal' }],
    ['rep-plain', { teamId: 'team-with', calendarId: null }],
    ['rep-branch', { teamId: 'branch', calendarId: null }],
    ['rep-bare', { teamId: 'team-bare', calendarId: null }],
    ['rep-teamless', { teamId: null, calendarId: null }],
    ['rep-stale', { teamId: 'team-stale', calendarId: 'deleted-cal' }],
    ['rep-loop', { teamId: 'loop-a', calendarId: null }],
  ]),
  teams: new Map([
    ['team-with', { parentId: null, calendarId: 'team-cal' }],
    ['region', { parentId: null, calendarId: 'region-cal' }],
    ['branch', { parentId: 'region', calendarId: null }],
    ['team-bare', { parentId: null, calendarId: null }],
    ['team-stale', { parentId: null, calendarId: 'deleted-cal' }],
    ['loop-a', { parentId: 'loop-b', calendarId: null }],
    ['loop-b', { parentId: 'loop-a', calendarId: null }],
  ]),
  defaultCalendarId: 'default-cal',
  ...overrides,
});

describe('chooseCalendar', () => {
  const cases: {
    name: string;
    ownerId: string | null;
    teamId: string | null;
    dir?: Partial<CalendarDirectory>;
    expected: [string | null, CalendarSource];
  }[] = [
    { name: 'the owner’s own calendar wins', ownerId: 'rep-own', teamId: 'team-bare', expected: ['rep-cal', 'owner'] },
    { name: 'else the owner’s team’s', ownerId: 'rep-plain', teamId: 'team-bare', expected: ['team-cal', 'team'] },
    {
      name: 'a branch without one takes its region’s',
      ownerId: 'rep-branch',
      teamId: null,
      expected: ['region-cal', 'team'],
    },
    {
      name: 'a team without one falls to the default',
      ownerId: 'rep-bare',
      teamId: null,
      expected: ['default-cal', 'workspace'],
    },
    {
      name: 'a rep with no team: the lead’s team',
      ownerId: 'rep-teamless',
      teamId: 'team-with',
      expected: ['team-cal', 'team'],
    },
    { name: 'no owner: the lead’s team', ownerId: null, teamId: 'team-with', expected: ['team-cal', 'team'] },
    {
      name: 'an owner not in the directory: the lead’s team',
      ownerId: 'someone',
      teamId: 'branch',
      expected: ['region-cal', 'team'],
    },
    { name: 'no owner and no team: the default', ownerId: null, teamId: null, expected: ['default-cal', 'workspace'] },
    {
      name: 'a deleted calendar is passed over at each level',
      ownerId: 'rep-stale',
      teamId: null,
      expected: ['default-cal', 'workspace'],
    },
    { name: 'a cycle of parents ends', ownerId: 'rep-loop', teamId: null, expected: ['default-cal', 'workspace'] },
    {
      name: 'nothing named anywhere: around the clock',
      ownerId: 'rep-bare',
      teamId: null,
      dir: { defaultCalendarId: null },
      expected: [null, 'none'],
    },
    {
      name: 'a default naming a deleted calendar: around the clock',
      ownerId: null,
      teamId: null,
      dir: { defaultCalendarId: 'deleted-cal' },
      expected: [null, 'none'],
    },
  ];
  it.each(cases)('$name', ({ ownerId, teamId, dir, expected }) => {
    const choice = chooseCalendar(directory(dir), { ownerId, teamId });
    expect([choice.calendarId, choice.source]).toEqual(expected);
    expect(choice.calendar).toBe(expected[0] ? calendars.get(expected[0]) : null);
  });
});
