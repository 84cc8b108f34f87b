// Shapes of the hosted-form endpoints (/api/v1/forms, /api/v1/public/forms) as the UI uses them.
import type { Locale } from '../i18n/locale';

export type Localized = Record<Locale, string>;
export type LocalizedText = Partial<Record<Locale, string>>;

export const TEXT_KEYS = ['title', 'description', 'consent', 'success'] as const;
export type TextKey = (typeof TEXT_KEYS)[number];
export type FormTexts = Partial<Record<TextKey, LocalizedText>>;

export interface FormField {
  /** A lead field (name, phone…) or `custom.<name>`. */
  key: string;
  required: boolean;
  label: Localized;
}

export interface HostedForm {
  id: string;
  slug: string;
  name: string;
  channelId: string | null;
  campaign: string | null;
  fields: FormField[];
  texts: FormTexts;
  redirectUrl: string | null;
  active: boolean;
  publicPath: string;
  publicUrl: string;
  embedSnippet: string;
  createdAt: string;
  updatedAt: string;
}

export interface FormBody {
  name: string;
  slug?: string;
  channelId: string | null;
  campaign: string | null;
  fields: FormField[];
  texts: FormTexts;
  redirectUrl: string | null;
  active: boolean;
}

export interface Channel {
  id: string;
  type: string;
  name: string;
  campaign: string | null;
  active: boolean;
}

export type CustomFieldType = 'text' | 'number' | 'date' | 'select' | 'bool';

export interface CustomField {
  id: string;
  name: string;
  label: string | null;
  type: CustomFieldType;
  options: string[] | null;
}

export type PublicFieldType = 'text' | 'tel' | 'email' | 'url' | CustomFieldType;

export interface PublicField extends FormField {
  type: PublicFieldType;
  options: string[] | null;
}

/** What /f/:slug renders; the builder's preview makes the same shape from the draft. */
export interface PublicForm {
  slug: string;
  title: LocalizedText;
  description: LocalizedText | null;
  consent: LocalizedText | null;
  fields: PublicField[];
}

export type SubmittedValue = string | number | boolean | null;

export interface Submission {
  values: Record<string, SubmittedValue>;
  context: Record<string, string>;
  consent?: boolean;
  hp?: string;
}

export type SubmissionAnswer = { ok: true; message: string } | { ok: true; redirectUrl: string };

export type TrackingParams = Partial<Record<'campaign' | 'utm_source' | 'utm_medium' | 'utm_campaign', string>>;
