import type { CustomField, FormField, FormTexts, Localized, PublicField, PublicForm } from './forms.types';

// The server fills in the same labels when a form leaves them out (src/modules/forms/form.rules.ts).
export const LEAD_FIELDS: Record<string, Localized> = {
  name: { 'zh-CN': '姓名', 'en-US': 'Name' },
  phone: { 'zh-CN': '手机号', 'en-US': 'Phone' },
  email: { 'zh-CN': '邮箱', 'en-US': 'E-mail' },
  company: { 'zh-CN': '公司名称', 'en-US': 'Company' },
  website: { 'zh-CN': '公司网站', 'en-US': 'Website' },
  title: { 'zh-CN': '职位', 'en-US': 'Job title' },
  province: { 'zh-CN': '省份', 'en-US': 'Province' },
  city: { 'zh-CN': '城市', 'en-US': 'City' },
};

const LEAD_INPUT_TYPES: Record<string, PublicField['type']> = { phone: 'tel', email: 'email', website: 'url' };

export const CUSTOM_PREFIX = 'custom.';

/** A new form starts with what every lead needs and what most forms ask. */
export function starterFields(): FormField[] {
  return [
    { key: 'name', required: true, label: LEAD_FIELDS.name! },
    { key: 'phone', required: true, label: LEAD_FIELDS.phone! },
    { key: 'company', required: false, label: LEAD_FIELDS.company! },
  ];
}

export function defaultLabel(key: string, customFields: CustomField[]): Localized | null {
  const lead = LEAD_FIELDS[key];
  if (lead) return lead;
  const custom = customFields.find((field) => CUSTOM_PREFIX + field.name === key);
  if (!custom) return null;
  const label = custom.label ?? custom.name;
  return { 'zh-CN': label, 'en-US': label };
}

/** Fields a form can still add: lead fields first, then the workspace's custom fields. */
export function addableFields(used: string[], customFields: CustomField[]): { key: string; label: Localized }[] {
  const taken = new Set(used);
  const keys = [...Object.keys(LEAD_FIELDS), ...customFields.map((field) => CUSTOM_PREFIX + field.name)];
  return keys.filter((key) => !taken.has(key)).map((key) => ({ key, label: defaultLabel(key, customFields)! }));
}

function hasText(text: FormTexts[keyof FormTexts]): boolean {
  return Boolean(text && Object.values(text).some((value) => value?.trim()));
}

/** The draft as the public page would receive it, for the builder's live preview. */
export function previewOf(
  name: string,
  fields: FormField[],
  texts: FormTexts,
  customFields: CustomField[],
): PublicForm {
  return {
    slug: 'preview',
    title: hasText(texts.title) ? texts.title! : { 'zh-CN': name, 'en-US': name },
    description: hasText(texts.description) ? texts.description! : null,
    consent: hasText(texts.consent) ? texts.consent! : null,
    fields: fields.flatMap((field): PublicField[] => {
      if (!field?.key) return [];
      const custom = customFields.find((candidate) => CUSTOM_PREFIX + candidate.name === field.key);
      const type = custom ? custom.type : (LEAD_INPUT_TYPES[field.key] ?? 'text');
      return [{ ...field, type, options: custom?.options ?? null }];
    }),
  };
}
