import { describe, expect, it } from 'vitest';
import {
  checkFormFields,
  generateSlug,
  isValidSlug,
  localize,
  pickLocale,
  SLUG_ALPHABET,
  tidyTexts,
  type CustomFieldRef,
  type FormFieldInput,
} from './form.rules.ts';
import { embedSnippet, formUrl, publicOrigin } from './share.rules.ts';

const custom: CustomFieldRef[] = [
  { name: 'budget', label: '预算', type: 'number', options: null },
  { name: 'industry', label: null, type: 'select', options: ['制造', '零售'] },
];

const name = { key: 'name', required: true };
const phone = { key: 'phone', required: true };

describe('checkFormFields', () => {
  it.each<[string, FormFieldInput[], string]>([
    ['no fields', [], 'fields'],
    ['an unknown lead field', [name, phone, { key: 'fax' }], 'fields.2.key'],
    ['a custom field the workspace lacks', [name, phone, { key: 'custom.size' }], 'fields.2.key'],
    ['a key twice', [name, phone, { key: 'phone' }], 'fields.2.key'],
    ['no name', [phone, { key: 'company' }], 'fields'],
    ['neither phone nor e-mail', [name, { key: 'company' }], 'fields'],
    ['an optional name', [{ key: 'name', required: false }, phone], 'fields.0.required'],
    ['a bare custom prefix', [name, phone, { key: 'custom.' }], 'fields.2.key'],
  ])('should refuse %s, naming %s', (_case, fields, field) => {
    const result = checkFormFields(fields, custom);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.field).toBe(field);
  });

  it.each<[string, FormFieldInput[]]>([
    ['name and phone', [name, phone]],
    ['name and e-mail only', [{ key: 'name' }, { key: 'email', required: false }]],
    [
      'every lead field and both custom fields',
      [
        name,
        phone,
        ...['email', 'company', 'website', 'title', 'province', 'city', 'custom.budget', 'custom.industry'].map(
          (key) => ({ key }),
        ),
      ],
    ],
  ])('should accept %s', (_case, fields) => {
    const result = checkFormFields(fields, custom);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.map((field) => field.key)).toEqual(fields.map((field) => field.key));
  });

  it('should make the name required and fill labels the form left out, keeping the ones it gave', () => {
    const result = checkFormFields(
      [
        { key: 'name' },
        { key: 'phone', label: { 'zh-CN': ' 联系电话 ', 'en-US': '' } },
        { key: 'custom.budget', required: true },
        { key: 'custom.industry' },
      ],
      custom,
    );
    expect(result).toEqual({
      ok: true,
      value: [
        { key: 'name', required: true, label: { 'zh-CN': '姓名', 'en-US': 'Name' } },
        { key: 'phone', required: false, label: { 'zh-CN': '联系电话', 'en-US': 'Phone' } },
        { key: 'custom.budget', required: true, label: { 'zh-CN': '预算', 'en-US': '预算' } },
        { key: 'custom.industry', required: false, label: { 'zh-CN': 'industry', 'en-US': 'industry' } },
      ],
    });
  });
});

describe('slugs', () => {
  const counting = (count: number) => Array.from({ length: count }, (_, index) => index);

  it.each([
    ['Expo 2026 Shanghai', 'expo-2026-shanghai-abcdefgh'],
    ['2026 上海展会', '2026-abcdefgh'],
    ['上海展会', 'abcdefgh'],
    ['Café  Déjà-vu!!', 'cafe-deja-vu-abcdefgh'],
    ['---', 'abcdefgh'],
  ])('should make a slug of %j', (formName, slug) => {
    expect(generateSlug(formName, counting)).toBe(slug);
    expect(isValidSlug(slug)).toBe(true);
  });

  it('should cut a long name to 40 characters without a trailing hyphen', () => {
    const slug = generateSlug(`${'a'.repeat(39)} b${'c'.repeat(30)}`, counting);
    expect(slug).toBe(`${'a'.repeat(39)}-abcdefgh`);
  });

  it('should wrap random indexes into the alphabet', () => {
    expect(generateSlug('', () => Array(8).fill(SLUG_ALPHABET.length))).toBe('aaaaaaaa');
  });

  it.each([
    ['abc', true],
    ['expo-2026', true],
    ['a'.repeat(64), true],
    ['ab', false],
    ['a'.repeat(65), false],
    ['-abc', false],
    ['abc-', false],
    ['a--b', false],
    ['ABC', false],
    ['展会', false],
    ['a_b', false],
  ])('should judge %j valid: %s', (slug, valid) => {
    expect(isValidSlug(slug)).toBe(valid);
  });
});

describe('texts and locales', () => {
  it('should drop blank translations and empty texts', () => {
    expect(
      tidyTexts({
        title: { 'zh-CN': ' 展会登记 ', 'en-US': '  ' },
        description: { 'zh-CN': '', 'en-US': '' },
        success: { 'en-US': 'Thanks' },
      }),
    ).toEqual({ title: { 'zh-CN': '展会登记' }, success: { 'en-US': 'Thanks' } });
  });

  it.each([
    [{ 'zh-CN': '谢谢', 'en-US': 'Thanks' }, 'en-US', 'Thanks'],
    [{ 'zh-CN': '谢谢' }, 'en-US', '谢谢'],
    [{ 'en-US': 'Thanks' }, 'zh-CN', 'Thanks'],
    [undefined, 'zh-CN', null],
  ] as const)('should localize %j to %s as %j', (text, locale, expected) => {
    expect(localize(text, locale)).toBe(expected);
  });

  it.each([
    [undefined, undefined, 'zh-CN'],
    ['en', 'zh-CN', 'en-US'],
    ['zh-TW', 'en-US', 'zh-CN'],
    ['fr', 'en-GB,en;q=0.8', 'en-US'],
    [undefined, 'fr-FR, en;q=0.5, zh;q=0.9', 'zh-CN'],
    [undefined, 'zh;q=0, en-US;q=0.1', 'en-US'],
    [undefined, 'ja,de', 'zh-CN'],
    [undefined, 'en_US', 'en-US'],
  ])('should pick lang=%j accept-language=%j as %s', (lang, accept, locale) => {
    expect(pickLocale(lang, accept)).toBe(locale);
  });
});

describe('sharing', () => {
  it.each([
    [{}, false, 'https://leads.example.cn/f/expo-abc'],
    [{ campaign: '2026 展会' }, false, 'https://leads.example.cn/f/expo-abc?campaign=2026+%E5%B1%95%E4%BC%9A'],
    [
      { utm_campaign: 'x', utm_source: 'poster', campaign: ' ', utm_medium: 'offline' },
      false,
      'https://leads.example.cn/f/expo-abc?utm_source=poster&utm_medium=offline&utm_campaign=x',
    ],
    [{ utm_source: 'site' }, true, 'https://leads.example.cn/f/expo-abc?utm_source=site&embed=1'],
  ])('should build the address with %j (embed %s)', (params, embed, url) => {
    expect(formUrl('https://leads.example.cn', 'expo-abc', params, embed)).toBe(url);
  });

  it.each([
    [undefined, { protocol: 'http', host: '10.0.0.5:3000' }, 'http://10.0.0.5:3000'],
    ['https://leads.example.cn', { protocol: 'http', host: '10.0.0.5:3000' }, 'https://leads.example.cn'],
  ])('should take the public origin from config %j or the request %j', (configured, request, origin) => {
    expect(publicOrigin(configured, request)).toBe(origin);
  });

  it('should embed an iframe of the page and escape the title', () => {
    const snippet = embedSnippet('https://leads.example.cn', 'expo-abc', '展会 "登记" <2026>');
    expect(snippet).toContain('src="https://leads.example.cn/f/expo-abc?embed=1"');
    expect(snippet).toContain('title="展会 &quot;登记&quot; &lt;2026&gt;"');
    expect(snippet).toContain('event.origin !== "https://leads.example.cn"');
    expect(snippet).toContain('data.slug !== "expo-abc"');
  });
});
