import { Metadata, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { z } from 'zod';
import { companyMatchKey } from './company.rules.ts';
import { standardiseRegion } from './region.rules.ts';
import { toHalfWidth } from './text.rules.ts';
import { personNameKey } from '../dedupe/dedupe.rules.ts';

export { toHalfWidth };

export type Normalised<T> =
  | { ok: true; value: T }
  | { ok: false; code: 'INVALID_PHONE' | 'INVALID_EMAIL' | 'MISSING_CONTACT'; field: string; message: string };

/** China's mobile ranges, from libphonenumber's own metadata, so the shortcut below accepts exactly what it would. */
const chinaMobile = (() => {
  const metadata = new Metadata();
  metadata.selectNumberingPlan('CN');
  // The typings leave out the plan's types; should a release drop them, the shortcut just never applies.
  const plan = metadata.numberingPlan as unknown as { type?(kind: string): { pattern(): string } | undefined };
  const pattern = plan.type?.('MOBILE')?.pattern();
  return pattern ? new RegExp(`^(?:${pattern})$`) : /$^/;
})();
const mobileShape = /^(?:\+86|0086)?(1\d{10})$/;

/**
 * Most numbers that arrive are Chinese mobiles; checked against libphonenumber's own mobile
 * ranges they need no full parse (a quarter of a batch's cleaning time). Anything else — a
 * landline, an extension, a foreign number, a mobile outside the ranges — takes the full parse.
 */
function chinaMobileShortcut(cleaned: string, defaultCountry: CountryCode): string | null {
  const match = mobileShape.exec(cleaned.replace(/[\s-]/g, ''));
  if (!match || (defaultCountry !== 'CN' && !cleaned.startsWith('+86') && !cleaned.startsWith('0086'))) return null;
  return chinaMobile.test(match[1]!) ? `+86${match[1]}` : null;
}

export function normalisePhone(raw: string, defaultCountry: CountryCode = 'CN'): string | null {
  const cleaned = toHalfWidth(raw).trim();
  if (!/\d/.test(cleaned)) return null;
  const shortcut = chinaMobileShortcut(cleaned, defaultCountry);
  if (shortcut) return shortcut;
  const parsed = parsePhoneNumberFromString(cleaned, defaultCountry);
  if (!parsed || !parsed.isValid()) return null;
  return parsed.number;
}

const emailShape = z.email();

export function normaliseEmail(raw: string): string | null {
  const cleaned = toHalfWidth(raw).trim().toLowerCase();
  return emailShape.safeParse(cleaned).success ? cleaned : null;
}

function tidy(text: string | null | undefined): string | null {
  if (text === undefined || text === null) return null;
  const cleaned = toHalfWidth(text).replace(/\s+/g, ' ').trim();
  return cleaned === '' ? null : cleaned;
}

export interface LeadInput {
  name: string;
  phone?: string | null | undefined;
  email?: string | null | undefined;
  company?: string | null | undefined;
  website?: string | null | undefined;
  title?: string | null | undefined;
  province?: string | null | undefined;
  city?: string | null | undefined;
  source?: string | null | undefined;
  campaign?: string | null | undefined;
  utm?: Partial<Record<(typeof utmKeys)[number], string | null | undefined>> | null | undefined;
  landingPage?: string | null | undefined;
  referrer?: string | null | undefined;
}

export const utmKeys = ['source', 'medium', 'campaign', 'term', 'content'] as const;

export interface CleanLead {
  name: string;
  /** The name as matched for de-duplication (see personNameKey). */
  nameKey: string | null;
  phone: string | null;
  email: string | null;
  company: string | null;
  /** The company's match key (legal form, punctuation and width removed), for finding one company. */
  companyKey: string | null;
  /** The company's web domain: 'https://www.Example.com/about' → 'example.com'. */
  website: string | null;
  title: string | null;
  province: string | null;
  city: string | null;
  source: string;
  campaign: string | null;
  utm: Record<string, string> | null;
  landingPage: string | null;
  referrer: string | null;
  /** Set by the caller, who knows the workspace's channels, fields and tag rules. */
  channelId: string | null;
  tags: string[];
  custom: Record<string, unknown>;
}

/** Cleans what a channel sent; a lead must be reachable by a valid phone or e-mail. */
export function normaliseLead(input: LeadInput, fallbackSource: string): Normalised<CleanLead> {
  const phoneRaw = tidy(input.phone);
  const emailRaw = tidy(input.email);
  const phone = phoneRaw ? normalisePhone(phoneRaw) : null;
  if (phoneRaw && !phone) {
    return { ok: false, code: 'INVALID_PHONE', field: 'phone', message: `"${phoneRaw}" is not a valid phone number` };
  }
  const email = emailRaw ? normaliseEmail(emailRaw) : null;
  if (emailRaw && !email) {
    return { ok: false, code: 'INVALID_EMAIL', field: 'email', message: `"${emailRaw}" is not a valid e-mail address` };
  }
  if (!phone && !email) {
    return {
      ok: false,
      code: 'MISSING_CONTACT',
      field: 'phone',
      message: 'A lead needs a phone number or an e-mail address',
    };
  }
  const company = tidy(input.company);
  const region = standardiseRegion({ province: tidy(input.province), city: tidy(input.city) });
  return {
    ok: true,
    value: {
      name: tidy(input.name) ?? '',
      nameKey: personNameKey(input.name),
      phone,
      email,
      company,
      companyKey: companyMatchKey(company),
      website: websiteDomain(tidy(input.website)),
      title: tidy(input.title),
      ...region,
      source: tidy(input.source) ?? fallbackSource,
      campaign: tidy(input.campaign),
      utm: tidyUtm(input.utm),
      landingPage: tidy(input.landingPage),
      referrer: tidy(input.referrer),
      channelId: null,
      tags: [],
      custom: {},
    },
  };
}

/** The host of whatever was typed as a website, without "www."; null when it names no host. */
export function websiteDomain(raw: string | null): string | null {
  if (!raw) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`;
  try {
    const host = new URL(withScheme).hostname
      .toLowerCase()
      .replace(/^www\./, '')
      .replace(/\.$/, '');
    return host.includes('.') && /^[\p{L}\p{N}.-]+$/u.test(host) ? host : null;
  } catch {
    return null;
  }
}

function tidyUtm(utm: LeadInput['utm']): Record<string, string> | null {
  if (!utm) return null;
  const entries = utmKeys.flatMap((key) => {
    const value = tidy(utm[key]);
    return value ? [[key, value] as const] : [];
  });
  return entries.length > 0 ? Object.fromEntries(entries) : null;
}

/** Fields an existing lead lacks that a duplicate submission can fill in. */
export function fillGaps<T extends Record<string, unknown>>(
  existing: T,
  incoming: Partial<T>,
  fields: (keyof T)[],
): Partial<T> {
  const patch: Partial<T> = {};
  for (const field of fields) {
    if ((existing[field] === null || existing[field] === undefined) && incoming[field] != null) {
      patch[field] = incoming[field];
    }
  }
  return patch;
}

export interface LeadCursor {
  createdAt: Date;
  id: string;
}

export function encodeCursor(cursor: LeadCursor): string {
  return Buffer.from(`${cursor.createdAt.toISOString()}|${cursor.id}`).toString('base64url');
}

/** Only what encodeCursor makes: a years-0001-to-9999 ISO instant and a uuid (PostgreSQL refuses the rest). */
export function decodeCursor(text: string): LeadCursor | null {
  const [iso, id, ...rest] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  if (!iso || !id || rest.length > 0) return null;
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(iso) || iso.startsWith('0000')) return null;
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
  const createdAt = new Date(iso);
  return Number.isNaN(createdAt.getTime()) || createdAt.toISOString() !== iso ? null : { createdAt, id };
}

/** Won and lost leads are closed: they have an outcome, a closing date, and they teach the scoring model. */
export const closedStatuses = ['won', 'lost'] as const;
export const isClosedStatus = (status: string): boolean => (closedStatuses as readonly string[]).includes(status);
