import type { ErrorCode } from '../../platform/errors.ts';
import { createLeadBody, type CreateLeadBody } from '../leads/lead.schemas.ts';
import { customFieldName, isLeadFieldKey, type FormField } from './form.rules.ts';

/** What the public page knows about how the visitor came: its own query string and the page around it. */
export interface SubmissionContext {
  utm_source?: string | undefined;
  utm_medium?: string | undefined;
  utm_campaign?: string | undefined;
  utm_term?: string | undefined;
  utm_content?: string | undefined;
  campaign?: string | undefined;
  landingPage?: string | undefined;
  referrer?: string | undefined;
}

export type SubmittedValue = string | number | boolean | null;

export interface SubmissionInput {
  values: Record<string, SubmittedValue>;
  context?: SubmissionContext | undefined;
  consent?: boolean | undefined;
}

export interface FormRules {
  fields: readonly FormField[];
  campaign: string | null;
  /** A form with consent text takes no submission without the box ticked. */
  asksConsent: boolean;
}

export interface SubmissionError {
  code: Extract<ErrorCode, 'VALIDATION_FAILED' | 'MISSING_CONTACT'>;
  field: string;
  message: string;
}

export interface ReadSubmission {
  /** The lead the values make; null when they cannot be mapped to one (an unknown field, a wrong type). */
  lead: CreateLeadBody | null;
  /** The first thing wrong, with the form field to show it next to; null when the form's rules pass. */
  error: SubmissionError | null;
}

// Context is not typed by the visitor: overlong values are cut to what a lead stores, not refused.
const contextLimits = { utm: 200, campaign: 200, page: 2000 };

function blank(value: SubmittedValue | undefined): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function clip(value: string | undefined, max: number): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed.slice(0, max) : undefined;
}

/**
 * Turns a public submission into the lead intake takes: lead fields at the top, custom values
 * under `custom`, the page's UTM parameters under `utm`, its `campaign` parameter over the form's.
 * Checks what only the form knows (its fields, required flags, consent); phone, e-mail and custom
 * value formats are intake's to judge.
 */
export function readSubmission(form: FormRules, input: SubmissionInput): ReadSubmission {
  const byKey = new Map(form.fields.map((field) => [field.key, field]));
  for (const [key, value] of Object.entries(input.values)) {
    if (!byKey.has(key)) return unmapped(key, `This form has no field "${key}"`);
    if (isLeadFieldKey(key) && typeof value === 'boolean') return unmapped(key, `${key} must be text`);
  }

  const lead: Record<string, unknown> = {};
  const custom: Record<string, unknown> = {};
  for (const field of form.fields) {
    const value = input.values[field.key];
    if (blank(value)) continue;
    const name = customFieldName(field.key);
    if (name !== null) custom[name] = typeof value === 'string' ? value.trim() : value;
    else lead[field.key] = String(value).trim();
  }
  const context = input.context ?? {};
  const utm = Object.fromEntries(
    (['source', 'medium', 'campaign', 'term', 'content'] as const).flatMap((part) => {
      const value = clip(context[`utm_${part}`], contextLimits.utm);
      return value ? [[part, value]] : [];
    }),
  );
  const body: CreateLeadBody = {
    ...(lead as Partial<CreateLeadBody>),
    name: (lead.name as string | undefined) ?? '',
    campaign: clip(context.campaign, contextLimits.campaign) ?? form.campaign,
    utm: Object.keys(utm).length > 0 ? utm : null,
    landingPage: clip(context.landingPage, contextLimits.page) ?? null,
    referrer: clip(context.referrer, contextLimits.page) ?? null,
    ...(Object.keys(custom).length > 0 ? { custom } : {}),
  };
  return { lead: body, error: firstError(form, input, body) };
}

function unmapped(field: string, message: string): ReadSubmission {
  return { lead: null, error: { code: 'VALIDATION_FAILED', field, message } };
}

function firstError(form: FormRules, input: SubmissionInput, body: CreateLeadBody): SubmissionError | null {
  for (const field of form.fields) {
    if (field.required && blank(input.values[field.key])) {
      return { code: 'VALIDATION_FAILED', field: field.key, message: `${field.label['en-US']} is required` };
    }
  }
  const contactFields = form.fields.filter((field) => field.key === 'phone' || field.key === 'email');
  if (contactFields.length > 0 && contactFields.every((field) => blank(input.values[field.key]))) {
    return {
      code: 'MISSING_CONTACT',
      field: contactFields[0]!.key,
      message: 'Leave a phone number or an e-mail address',
    };
  }
  const parsed = createLeadBody.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { code: 'VALIDATION_FAILED', field: issue.path.join('.'), message: issue.message };
  }
  if (form.asksConsent && input.consent !== true) {
    return { code: 'VALIDATION_FAILED', field: 'consent', message: 'Agree to the terms to submit' };
  }
  return null;
}

/** Anything typed into the field humans cannot see or reach gives a bot away. */
export function honeypotFilled(hp: string | undefined): boolean {
  return typeof hp === 'string' && hp.trim() !== '';
}

export const RATE_WINDOW_MS = 60_000;

/** Submissions from one address to one form are counted since this instant. */
export function rateWindowStart(now: Date): Date {
  return new Date(now.getTime() - RATE_WINDOW_MS);
}

export type Verdict =
  | { kind: 'accept' }
  | {
      kind: 'quarantine';
      code: Extract<ErrorCode, 'VALIDATION_FAILED' | 'RATE_LIMITED'>;
      field?: string;
      reason: string;
    };

/**
 * What to do with a submission before looking at its values. Suspect ones are kept aside, not
 * refused: a bot is answered as if it succeeded, and people sharing one address (an expo's
 * Wi-Fi) over the limit are not turned away but kept for someone to release.
 */
export function judgeSubmission(input: {
  hp: string | undefined;
  recentFromAddress: number;
  perMinute: number;
}): Verdict {
  if (honeypotFilled(input.hp)) {
    return {
      kind: 'quarantine',
      code: 'VALIDATION_FAILED',
      field: 'hp',
      reason: 'The hidden honeypot field was filled',
    };
  }
  if (input.recentFromAddress >= input.perMinute) {
    return {
      kind: 'quarantine',
      code: 'RATE_LIMITED',
      reason: `Rate limit: more than ${input.perMinute} submissions to this form from one address within a minute`,
    };
  }
  return { kind: 'accept' };
}
