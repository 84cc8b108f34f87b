import type { MessageKey } from '../i18n/zh-CN';
import type { LeadEntryBody } from '../leads/leadEntry.api';
import { toLeadBody, type LeadFormValues } from '../leads/leadForm';
import type { HeldKind, HeldSubmission } from './quarantine.api';

export const HELD_KIND_LOOK: Record<HeldKind, { color: string; label: MessageKey }> = {
  rejected: { color: 'red', label: 'quarantine.kind.rejected' },
  quarantined: { color: 'orange', label: 'quarantine.kind.quarantined' },
};

// Reasons the UI words itself; any other code shows as sent, beside the server's message.
const CODE_LABELS: Record<string, MessageKey> = {
  INVALID_PHONE: 'quarantine.code.invalidPhone',
  INVALID_EMAIL: 'quarantine.code.invalidEmail',
  MISSING_CONTACT: 'quarantine.code.missingContact',
  VALIDATION_FAILED: 'quarantine.code.validationFailed',
  NOT_FOUND: 'quarantine.code.notFound',
};

export function codeLabel(code: string): MessageKey | null {
  return CODE_LABELS[code] ?? null;
}

/** One line for the table: the person's recognised fields, else the start of the raw JSON. */
export function payloadSummary(item: HeldSubmission, maxLength = 80): string {
  const { name, phone, email, company } = item.proposal;
  const known = [name, phone, email, company].filter((value): value is string => Boolean(value));
  if (known.length > 0) return known.join(' · ');
  const raw = item.payload === undefined ? 'null' : JSON.stringify(item.payload);
  return raw.length > maxLength ? `${raw.slice(0, maxLength - 1)}…` : raw;
}

export function prettyPayload(payload: unknown): string {
  return JSON.stringify(payload === undefined ? null : payload, null, 2);
}

/** The fix form's first values: what the server recognised, on the channel the submission came through. */
export function fixFormValues(item: HeldSubmission): LeadFormValues {
  const { proposal } = item;
  return {
    name: proposal.name,
    phone: proposal.phone,
    email: proposal.email,
    company: proposal.company,
    website: proposal.website,
    title: proposal.title,
    province: proposal.province,
    city: proposal.city,
    channelId: item.channelId ?? proposal.channelId,
    custom: proposal.custom,
  };
}

/** The fixed lead, plus what the form does not show but the submission carried (source, campaign, UTM, pages). */
export function releaseBody(item: HeldSubmission, values: LeadFormValues): LeadEntryBody {
  const { source, campaign, landingPage, referrer, utm } = item.proposal;
  return {
    ...toLeadBody(values),
    ...(source ? { source } : {}),
    ...(campaign ? { campaign } : {}),
    ...(landingPage ? { landingPage } : {}),
    ...(referrer ? { referrer } : {}),
    ...(utm ? { utm } : {}),
  };
}
