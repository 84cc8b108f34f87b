import type { Config } from '../../platform/config.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { intakeSettings } from '../intake/intake-settings.ts';
import {
  holdKind,
  intakeOne,
  recordRejectedIntake,
  type ChannelActor,
  type IntakeDeps,
} from '../intake/intake.service.ts';
import type { IntakeSettingsDeps } from '../intake/intake-settings.ts';
import type { IntakeQueue } from '../intake/intake.service.ts';
import { findFormBySlug, recordSubmission, type FormRow } from './form.repository.ts';
import { customFieldName, localize, type FormLocale, type LeadFieldKey } from './form.rules.ts';
import type { PublicFormView, SubmissionBody } from './form.schemas.ts';
import { judgeSubmission, rateWindowStart, readSubmission } from './submission.rules.ts';

export type PublicFormDeps = Pick<IntakeDeps, 'db' | 'clock'> &
  IntakeSettingsDeps & {
    intake: IntakeQueue;
    config: Pick<Config, 'CLEW_FORM_RATE_PER_MINUTE'>;
  };

const inputTypes: Partial<Record<LeadFieldKey, 'tel' | 'email' | 'url'>> = {
  phone: 'tel',
  email: 'email',
  website: 'url',
};

const defaultSuccess: Record<FormLocale, string> = {
  'zh-CN': '提交成功，我们会尽快与您联系。',
  'en-US': 'Thank you. We will be in touch soon.',
};

/** An inactive form is as absent as an unknown one: the public learns nothing from the difference. */
async function activeForm(deps: Pick<PublicFormDeps, 'db'>, slug: string): Promise<FormRow> {
  const form = await findFormBySlug(deps.db, slug);
  if (!form || !form.active) throw notFound('Form');
  return form;
}

/** What the public page renders: labels, input types and texts, and no ids. */
export async function publicForm(
  deps: Pick<PublicFormDeps, 'db' | 'settingsCache'>,
  slug: string,
): Promise<PublicFormView> {
  const form = await activeForm(deps, slug);
  const { fields: customFields } = await intakeSettings(deps, form.workspaceId);
  const customByName = new Map(customFields.map((field) => [field.name, field]));
  return {
    slug: form.slug,
    title: form.texts.title ?? { 'zh-CN': form.name, 'en-US': form.name },
    description: form.texts.description ?? null,
    consent: form.texts.consent ?? null,
    // A custom field removed since the form was saved is left out rather than shown untyped.
    fields: form.fields.flatMap((field): PublicFormView['fields'] => {
      const name = customFieldName(field.key);
      if (name === null) {
        return [{ ...field, type: inputTypes[field.key as LeadFieldKey] ?? ('text' as const), options: null }];
      }
      const custom = customByName.get(name);
      return custom ? [{ ...field, type: custom.type, options: custom.options }] : [];
    }),
  };
}

export interface SubmissionMeta {
  clientIp: string;
  locale: FormLocale;
}

/** A body that failed the request schema is still kept (and refused), as it was sent. */
export type Submitted = { ok: true; body: SubmissionBody } | { ok: false; raw: unknown; error: AppError };

export type SubmissionAnswer = { ok: true; message: string } | { ok: true; redirectUrl: string };

/**
 * Takes a visitor's submission through the form's channel. New person or repeat, caught bot or
 * over the rate limit: the answer is the same success, so a submitter learns neither who else
 * is a lead nor that it was set aside. Only values the visitor can correct get a 4xx.
 */
export async function submitToForm(
  deps: PublicFormDeps,
  slug: string,
  submitted: Submitted,
  meta: SubmissionMeta,
): Promise<SubmissionAnswer> {
  const form = await activeForm(deps, slug);
  const now = deps.clock.now();
  const actor: ChannelActor = {
    kind: 'channel',
    workspaceId: form.workspaceId,
    source: 'web_form',
    channelId: form.channelId,
    label: form.name,
  };
  const asksConsent = form.texts.consent !== undefined;
  const recentFromAddress = await recordSubmission(deps.db, form, {
    clientIp: meta.clientIp,
    consent: asksConsent ? submitted.ok && submitted.body.consent === true : null,
    at: now,
    since: rateWindowStart(now),
  });
  const held = { clientIp: meta.clientIp };
  if (!submitted.ok) {
    await recordRejectedIntake(deps, actor, [{ ...held, payload: submitted.raw, error: submitted.error }]);
    throw submitted.error;
  }
  const { body } = submitted;

  const read = readSubmission({ fields: form.fields, campaign: form.campaign, asksConsent }, body);
  // Kept as the lead it would have made when it maps to one, so it can be released as it is.
  const payload = read.lead ?? body;
  const verdict = judgeSubmission({
    hp: body.hp,
    recentFromAddress,
    perMinute: deps.config.CLEW_FORM_RATE_PER_MINUTE,
  });
  if (verdict.kind === 'quarantine') {
    const error = new AppError(verdict.code, verdict.reason, verdict.field);
    await recordRejectedIntake(deps, actor, [{ ...held, payload, error, kind: 'quarantined' }]);
    return success(form, meta.locale);
  }
  if (read.error || !read.lead) {
    const { code, message, field } = read.error ?? { code: 'VALIDATION_FAILED' as const, message: 'Not a lead' };
    const error = new AppError(code, message, field);
    await recordRejectedIntake(deps, actor, [{ ...held, payload, error }]);
    throw error;
  }
  // Intake keeps what it refuses (an impossible phone, a custom value of the wrong type) itself.
  try {
    await intakeOne(deps, actor, read.lead, { clientIp: meta.clientIp });
  } catch (error) {
    // Held as suspected spam: kept for a person to release, and answered like any submission.
    if (error instanceof AppError && holdKind(error) === 'quarantined') return success(form, meta.locale);
    throw error;
  }
  return success(form, meta.locale);
}

function success(form: FormRow, locale: FormLocale): SubmissionAnswer {
  if (form.redirectUrl) return { ok: true, redirectUrl: form.redirectUrl };
  return { ok: true, message: localize(form.texts.success, locale) ?? defaultSuccess[locale] };
}
