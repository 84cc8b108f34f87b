import type { FieldDefinition } from '../fields/field.rules.ts';

export const formLocales = ['zh-CN', 'en-US'] as const;
export type FormLocale = (typeof formLocales)[number];
export type Localized = Record<FormLocale, string>;
export type LocalizedInput = Partial<Record<FormLocale, string>>;

/** Lead fields a form may ask for; anything else is a custom field, `custom.<name>`. */
export const leadFieldKeys = ['name', 'phone', 'email', 'company', 'website', 'title', 'province', 'city'] as const;
export type LeadFieldKey = (typeof leadFieldKeys)[number];

export const defaultLeadLabels: Record<LeadFieldKey, Localized> = {
  name: { 'zh-CN': '姓名', 'en-US': 'Name' },
  phone: { 'zh-CN': '手机号', 'en-US': 'Phone' },
  email: { 'zh-CN': '邮箱', 'en-US': 'E-mail' },
  company: { 'zh-CN': '公司名称', 'en-US': 'Company' },
  website: { 'zh-CN': '公司网站', 'en-US': 'Website' },
  title: { 'zh-CN': '职位', 'en-US': 'Job title' },
  province: { 'zh-CN': '省份', 'en-US': 'Province' },
  city: { 'zh-CN': '城市', 'en-US': 'City' },
};

export const textKeys = ['title', 'description', 'consent', 'success'] as const;
export type TextKey = (typeof textKeys)[number];
export type FormTexts = Partial<Record<TextKey, LocalizedInput>>;

export interface FormField {
  key: string;
  required: boolean;
  label: Localized;
}

export interface FormFieldInput {
  key: string;
  required?: boolean | undefined;
  label?: LocalizedInput | undefined;
}

/** A workspace's custom field as a form needs it: its name and the label it was created with. */
export type CustomFieldRef = FieldDefinition & { label: string | null };

export type RuleResult<T> = { ok: true; value: T } | { ok: false; field: string; message: string };

const CUSTOM_PREFIX = 'custom.';

export function isLeadFieldKey(key: string): key is LeadFieldKey {
  return (leadFieldKeys as readonly string[]).includes(key);
}

/** The custom field's name for `custom.<name>`, else null. */
export function customFieldName(key: string): string | null {
  return key.startsWith(CUSTOM_PREFIX) ? key.slice(CUSTOM_PREFIX.length) : null;
}

/**
 * Checks a form's fields and fills in missing labels. A form makes a lead only if it asks for a
 * name (which a lead cannot lack, so it must be required) and for a phone or an e-mail.
 */
export function checkFormFields(input: FormFieldInput[], custom: readonly CustomFieldRef[]): RuleResult<FormField[]> {
  if (input.length === 0) return { ok: false, field: 'fields', message: 'A form needs at least one field' };
  const customByName = new Map(custom.map((field) => [field.name, field]));
  const seen = new Set<string>();
  const fields: FormField[] = [];
  for (const [index, field] of input.entries()) {
    const at = `fields.${index}`;
    const name = customFieldName(field.key);
    const defaults = isLeadFieldKey(field.key)
      ? defaultLeadLabels[field.key]
      : name !== null && customByName.has(name)
        ? customLabel(customByName.get(name)!)
        : null;
    if (!defaults) {
      const message =
        name === null
          ? `"${field.key}" is not a lead field (use ${leadFieldKeys.join(', ')} or custom.<name>)`
          : `There is no custom field "${name}"`;
      return { ok: false, field: `${at}.key`, message };
    }
    if (seen.has(field.key)) return { ok: false, field: `${at}.key`, message: `"${field.key}" appears twice` };
    seen.add(field.key);
    if (field.key === 'name' && field.required === false) {
      return { ok: false, field: `${at}.required`, message: 'The name field must be required: every lead has a name' };
    }
    fields.push({
      key: field.key,
      required: field.key === 'name' ? true : (field.required ?? false),
      label: fillLocalized(field.label, defaults),
    });
  }
  if (!seen.has('name')) return { ok: false, field: 'fields', message: 'A form must ask for the name' };
  if (!seen.has('phone') && !seen.has('email')) {
    return { ok: false, field: 'fields', message: 'A form must ask for a phone number or an e-mail address' };
  }
  return { ok: true, value: fields };
}

function customLabel(field: CustomFieldRef): Localized {
  const label = field.label ?? field.name;
  return { 'zh-CN': label, 'en-US': label };
}

function fillLocalized(input: LocalizedInput | undefined, defaults: Localized): Localized {
  const zh = input?.['zh-CN']?.trim();
  const en = input?.['en-US']?.trim();
  return { 'zh-CN': zh || defaults['zh-CN'], 'en-US': en || defaults['en-US'] };
}

/** Texts as stored: blank translations and texts with none left are dropped. */
export function tidyTexts(input: FormTexts | undefined): FormTexts {
  const texts: FormTexts = {};
  for (const key of textKeys) {
    const entries = formLocales.flatMap((locale) => {
      const value = input?.[key]?.[locale]?.trim();
      return value ? [[locale, value] as const] : [];
    });
    if (entries.length > 0) texts[key] = Object.fromEntries(entries);
  }
  return texts;
}

/** The text in the asked-for language, else in the other one. */
export function localize(text: LocalizedInput | undefined, locale: FormLocale): string | null {
  if (!text) return null;
  return text[locale] ?? formLocales.map((other) => text[other]).find((value) => value !== undefined) ?? null;
}

/**
 * The visitor's language: an explicit `lang` (zh, zh-CN, en, en-US…) wins, then the first
 * Accept-Language tag (by q) that is Chinese or English, then Chinese.
 */
export function pickLocale(lang: string | undefined, acceptLanguage: string | undefined): FormLocale {
  const explicit = lang ? localeOfTag(lang) : null;
  if (explicit) return explicit;
  const tags = (acceptLanguage ?? '')
    .split(',')
    .map((part, position) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find(Boolean);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), position };
    })
    .filter((entry) => entry.tag !== '' && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.position - b.position);
  for (const { tag } of tags) {
    const locale = localeOfTag(tag);
    if (locale) return locale;
  }
  return 'zh-CN';
}

function localeOfTag(tag: string): FormLocale | null {
  const language = tag.trim().toLowerCase().split(/[-_]/)[0];
  if (language === 'zh') return 'zh-CN';
  if (language === 'en') return 'en-US';
  return null;
}

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{1,62})[a-z0-9]$/;
export const SLUG_HINT = '3 to 64 lower-case letters, digits and "-", not starting or ending with "-"';
/** Letters and digits that cannot be mistaken for one another when typed from a printed poster. */
export const SLUG_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const SLUG_SUFFIX_LENGTH = 8;

export function isValidSlug(slug: string): boolean {
  return SLUG_PATTERN.test(slug) && !slug.includes('--');
}

/**
 * A new form's slug: the Latin part of its name, if any, and a random suffix, so slugs are
 * unique across workspaces and not guessable from a form's name. `random(n)` gives n integers
 * in [0, SLUG_ALPHABET.length).
 */
export function generateSlug(name: string, random: (count: number) => number[]): string {
  const suffix = random(SLUG_SUFFIX_LENGTH)
    .map((index) => SLUG_ALPHABET[index % SLUG_ALPHABET.length])
    .join('');
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return base ? `${base}-${suffix}` : suffix;
}
