import { describe, expect, it } from 'vitest';
import type { FormField } from './form.rules.ts';
import {
  honeypotFilled,
  judgeSubmission,
  rateWindowStart,
  readSubmission,
  type FormRules,
  type SubmissionInput,
} from './submission.rules.ts';

const field = (key: string, required = false): FormField => ({
  key,
  required,
  label: { 'zh-CN': key, 'en-US': key },
});

const form: FormRules = {
  fields: [
    field('name', true),
    field('phone'),
    field('email'),
    field('company'),
    field('custom.budget'),
    field('custom.vip'),
  ],
  campaign: '2026 展会',
  asksConsent: false,
};

describe('readSubmission', () => {
  it('should map values, custom values and the page context into a lead', () => {
    const result = readSubmission(form, {
      values: {
        name: ' 周杰 ',
        phone: 13912340001,
        email: '',
        company: null,
        'custom.budget': '50000',
        'custom.vip': true,
      },
      context: {
        utm_source: 'poster',
        utm_medium: ' offline ',
        utm_campaign: 'expo',
        utm_term: '',
        campaign: '上海站',
        landingPage: 'https://clew.cn/f/expo?utm_source=poster',
        referrer: 'https://www.baidu.com/',
      },
    });
    expect(result).toEqual({
      error: null,
      lead: {
        name: '周杰',
        phone: '13912340001',
        campaign: '上海站',
        utm: { source: 'poster', medium: 'offline', campaign: 'expo' },
        landingPage: 'https://clew.cn/f/expo?utm_source=poster',
        referrer: 'https://www.baidu.com/',
        custom: { budget: '50000', vip: true },
      },
    });
  });

  it('should fall back to the form’s campaign and leave out empty UTM and custom', () => {
    const result = readSubmission(form, { values: { name: 'A', email: 'a@b.cn' } });
    expect(result.lead).toEqual({
      name: 'A',
      email: 'a@b.cn',
      campaign: '2026 展会',
      utm: null,
      landingPage: null,
      referrer: null,
    });
  });

  it('should cut overlong context instead of refusing the visitor', () => {
    const result = readSubmission(form, {
      values: { name: 'A', phone: '13912340001' },
      context: { landingPage: `https://x.cn/${'a'.repeat(3000)}`, utm_source: 's'.repeat(300) },
    });
    expect(result.error).toBeNull();
    expect(result.lead?.landingPage).toHaveLength(2000);
    expect(result.lead?.utm?.source).toHaveLength(200);
  });

  it.each<[string, FormRules, SubmissionInput, string, string, boolean]>([
    ['a missing required name', form, { values: { phone: '139' } }, 'VALIDATION_FAILED', 'name', true],
    ['a blank required name', form, { values: { name: '  ', phone: '139' } }, 'VALIDATION_FAILED', 'name', true],
    [
      'a missing required custom value',
      { ...form, fields: [...form.fields.slice(0, 4), field('custom.budget', true)] },
      { values: { name: 'A', phone: '139' } },
      'VALIDATION_FAILED',
      'custom.budget',
      true,
    ],
    ['no phone and no e-mail', form, { values: { name: 'A', company: 'X' } }, 'MISSING_CONTACT', 'phone', true],
    [
      'no e-mail on an e-mail-only form',
      { ...form, fields: [field('name', true), field('email')] },
      { values: { name: 'A' } },
      'MISSING_CONTACT',
      'email',
      true,
    ],
    [
      'a name too long for a lead',
      form,
      { values: { name: 'x'.repeat(201), phone: '139' } },
      'VALIDATION_FAILED',
      'name',
      true,
    ],
    [
      'a field the form lacks',
      form,
      { values: { name: 'A', phone: '139', title: 'CEO' } },
      'VALIDATION_FAILED',
      'title',
      false,
    ],
    ['a yes/no in a text field', form, { values: { name: 'A', phone: true } }, 'VALIDATION_FAILED', 'phone', false],
    [
      'consent not given',
      { ...form, asksConsent: true },
      { values: { name: 'A', phone: '139' }, consent: false },
      'VALIDATION_FAILED',
      'consent',
      true,
    ],
  ])('should refuse %s with %s on %s', (_case, rules, input, code, fieldAtFault, mapped) => {
    const result = readSubmission(rules, input);
    expect(result.error).toMatchObject({ code, field: fieldAtFault });
    expect(result.lead !== null).toBe(mapped);
  });

  it('should accept consent given', () => {
    const result = readSubmission(
      { ...form, asksConsent: true },
      { values: { name: 'A', phone: '139' }, consent: true },
    );
    expect(result.error).toBeNull();
  });
});

describe('honeypot and rate', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['   ', false],
    ['http://spam.example', true],
  ])('should judge honeypot %j filled: %s', (hp, filled) => {
    expect(honeypotFilled(hp)).toBe(filled);
  });

  it.each([
    [{ hp: undefined, recentFromAddress: 0, perMinute: 5 }, 'accept', undefined],
    [{ hp: undefined, recentFromAddress: 4, perMinute: 5 }, 'accept', undefined],
    [{ hp: undefined, recentFromAddress: 5, perMinute: 5 }, 'quarantine', 'RATE_LIMITED'],
    [{ hp: undefined, recentFromAddress: 50, perMinute: 5 }, 'quarantine', 'RATE_LIMITED'],
    [{ hp: 'x', recentFromAddress: 0, perMinute: 5 }, 'quarantine', 'VALIDATION_FAILED'],
    [{ hp: 'x', recentFromAddress: 9, perMinute: 5 }, 'quarantine', 'VALIDATION_FAILED'],
  ])('should judge %j: %s %s', (input, kind, code) => {
    const verdict = judgeSubmission(input);
    expect(verdict.kind).toBe(kind);
    if (verdict.kind === 'quarantine') expect(verdict.code).toBe(code);
  });

  it('should say why in the reason', () => {
    expect(judgeSubmission({ hp: 'x', recentFromAddress: 0, perMinute: 5 })).toMatchObject({
      field: 'hp',
      reason: /honeypot/,
    });
    expect(judgeSubmission({ hp: undefined, recentFromAddress: 5, perMinute: 5 })).toMatchObject({
      reason: /Rate limit/,
    });
  });

  it('should count the last minute', () => {
    expect(rateWindowStart(new Date('2026-03-01T10:00:30Z')).toISOString()).toBe('2026-03-01T09:59:30.000Z');
  });
});
