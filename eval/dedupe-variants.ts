/**
 * A labelled data set for de-duplication: original leads (realistic Chinese B2B contacts, some
 * with English names), and for each original one more submission labelled "same person" (a
 * variant: the same lead typed differently) or "different person" (a hard negative: close to
 * it, but somebody else). Pure and deterministic: the same seed gives the same data set.
 *
 * The labels follow issue 3's definition: a duplicate is the same person — same phone, same
 * e-mail, or the same name at the same company; the same company alone is not the same lead.
 * Two records that both carry a phone and an e-mail and share neither are two people (a
 * namesake at the same firm), which is why no "same person" variant carries a new phone AND a
 * new e-mail: the variants that test the name path carry one new contact only (a second
 * mobile, an office landline or a private mailbox), as people do when they fill in a form twice.
 *
 * Same person (the submission must merge into its original):
 * - exact_repeat: the same submission again — the floor every matcher must clear.
 * - phone_format: the phone as people type it: +86 138 0013 8000, 0086-138-0013-8000,
 *   (86)13800138000, 138-0013-8000 … Same number, so same person.
 * - phone_fullwidth: the phone in full-width digits (１３８…), as a Chinese IME types them.
 * - email_case: the e-mail with other capitals (Wei.Zhang@HuaXin.com); mailboxes are case-blind
 *   in practice, and the spec says e-mails are lower-cased.
 * - email_fullwidth: the e-mail in full-width letters (ｗｅｉ＠…), an IME left in full-width mode.
 * - name_company_new_contact: same name, same company text, a new contact only — the name path
 *   with nothing else changed.
 * - company_legal_form: the legal form changed (有限公司 ↔ 股份有限公司 ↔ 有限责任公司 ↔ none);
 *   the legal form is how a person remembers the firm, not which firm it is.
 * - company_place_bracket: the place moved into brackets (华信科技（北京）有限公司), the way many
 *   firms are registered.
 * - company_place_dropped_or_added: the city dropped (北京华信科技 → 华信科技) or added.
 * - company_trade_synonym: an IT firm's trade written another way (科技 ↔ 网络技术 ↔ 信息技术;
 *   Technology ↔ Tech): people do not remember which one is registered.
 * - company_fullwidth: full-width Latin letters, digits and brackets in the company (北京Ｎｏｖａ科技).
 * - company_typo_tradename: one character of the trade name (字号) replaced by a homophone, the
 *   typo a pinyin input method makes (华信 → 华新); a letter for a Latin brand (Nova → Nobva).
 * - company_typo_elsewhere: one character of the place or the trade replaced (北京 → 北经, 科技 → 科记).
 * - company_char_dropped: one character of the company dropped (anywhere but the legal form).
 * - phone_typo: a typo in one digit of the phone, but the same name at the same company (no e-mail).
 * - name_swapped_latin: an English name with first and last name swapped or as "Chen, Emily".
 * - name_spacing: a Chinese name typed with a space or a full-width space (张 伟, 张\u3000伟).
 *
 * Different person (the submission must create a new lead):
 * - colleague_same_company: another person at the same company with their own contacts —
 *   the same company alone is not the same lead.
 * - namesake_other_company: the same (often very common) name at an unrelated company.
 * - phone_one_digit_other_person: a phone one digit off, a different name (half at the same firm).
 * - similar_company_namesake: the same name at a like-named but different firm in the same city
 *   and trade: one character of the trade name replaced by a character that does not sound the
 *   same (华信 → 华为), or one added (华信 → 华信达); each contact of its own, often only one.
 * - namesake_same_company_other_contacts: the same name at the same company with a different
 *   phone AND a different e-mail, both present on both records — two people (张伟 is common).
 * - namesake_same_tradename_other_city: the same name at a firm with the same trade name in
 *   another city and another trade (北京华信科技 vs 广州华信医药): a trade name is unique only
 *   within its registration area, so these are unrelated firms.
 */
import {
  brandChars,
  commonNames,
  givenChars,
  itTrades,
  itTradesEn,
  latinBrands,
  latinGivenNames,
  latinSurnames,
  legalForms,
  legalFormsEn,
  mobilePrefixes,
  otherHomophones,
  otherTrades,
  otherTradesEn,
  personalMailDomains,
  places,
  surnames,
  titles,
  type Han,
  type Place,
} from './dedupe-data.ts';

/** What a channel sends: the body of POST /api/v1/leads. */
export interface LeadSubmission {
  name: string;
  phone?: string;
  email?: string;
  company?: string;
  title?: string;
}

export interface Company {
  style: 'zh' | 'en';
  place: Place | null;
  /** The trade name (字号): Chinese characters, or a Latin brand. */
  brand: string;
  trade: string;
  form: string;
  /** 北京市 rather than 北京. */
  placeWithShi: boolean;
}

export interface Person {
  latin: boolean;
  surname: string;
  given: string;
  name: string;
  /** Pinyin (or the Latin name) for e-mail addresses. */
  surnameLatin: string;
  givenLatin: string;
  /** Eleven national digits. */
  mobile: string | null;
  email: string | null;
  company: Company | null;
  title: string;
}

export const positiveKinds = [
  'exact_repeat',
  'phone_format',
  'phone_fullwidth',
  'email_case',
  'email_fullwidth',
  'name_company_new_contact',
  'company_legal_form',
  'company_place_bracket',
  'company_place_dropped_or_added',
  'company_trade_synonym',
  'company_fullwidth',
  'company_typo_tradename',
  'company_typo_elsewhere',
  'company_char_dropped',
  'phone_typo',
  'name_swapped_latin',
  'name_spacing',
] as const;

export const negativeKinds = [
  'colleague_same_company',
  'namesake_other_company',
  'phone_one_digit_other_person',
  'similar_company_namesake',
  'namesake_same_company_other_contacts',
  'namesake_same_tradename_other_city',
] as const;

export type VariantKind = (typeof positiveKinds)[number] | (typeof negativeKinds)[number];
export const variantKinds: VariantKind[] = [...positiveKinds, ...negativeKinds];

export interface Original {
  index: number;
  person: Person;
  submission: LeadSubmission;
}

export interface LabelledItem {
  kind: VariantKind;
  /** same: must merge into the original; different: must become a new lead. */
  label: 'same' | 'different';
  originalIndex: number;
  submission: LeadSubmission;
  /** What was changed, for reading failures. */
  note: string;
}

export interface Dataset {
  seed: number;
  originals: Original[];
  /** One item per original that has one, shuffled. */
  items: LabelledItem[];
}

// ---------------------------------------------------------------------------------------------
// Randomness

export { seededRng, type Rng } from '../src/platform/random.ts';
import { seededRng, type Rng } from '../src/platform/random.ts';

const int = (rng: Rng, below: number) => Math.floor(rng() * below);
export const pick = <T>(rng: Rng, list: readonly T[]): T => list[int(rng, list.length)]!;
const chance = (rng: Rng, p: number) => rng() < p;

function weighted<T>(rng: Rng, entries: readonly (readonly [T, number])[]): T {
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = rng() * total;
  for (const [value, weight] of entries) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return entries.at(-1)![0];
}

function shuffle<T>(rng: Rng, list: T[]): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = int(rng, i + 1);
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}

const digits = (rng: Rng, count: number) => Array.from({ length: count }, () => int(rng, 10)).join('');

/**
 * Surnames in roughly their real shares: 王 7.1 %, 李 7.0 %, 张 6.7 % … then a tail falling
 * with rank to about 0.2 % at the hundredth.
 */
const topSurnameShares = [7.1, 7.0, 6.7, 5.4, 4.5, 3.1, 2.2, 2.0, 2.0, 1.9];
const surnameWeights = surnames.map(
  (han, rank) => [han, topSurnameShares[rank] ?? 1.6 * (11 / (rank + 1)) ** 0.9] as const,
);
const placeWeights = places.map((place) => [place, place.weight] as const);
const pinyinOf = new Map<string, string>(
  [...surnames, ...givenChars, ...brandChars].map((han) => [han.char, han.pinyin]),
);

function latinOf(text: string): string {
  const whole = pinyinOf.get(text);
  if (whole) return whole;
  return [...text].map((char) => pinyinOf.get(char) ?? (/[a-z0-9]/i.test(char) ? char.toLowerCase() : '')).join('');
}

// ---------------------------------------------------------------------------------------------
// People and companies

/** Keeps phones and e-mail addresses unique across everything generated. */
export class ContactRegistry {
  private readonly phones = new Set<string>();
  private readonly emails = new Set<string>();

  claimPhone(phone: string): boolean {
    const key = phone.replace(/\D/g, '');
    if (this.phones.has(key)) return false;
    this.phones.add(key);
    return true;
  }

  claimEmail(email: string): boolean {
    const key = email.toLowerCase();
    if (this.emails.has(key)) return false;
    this.emails.add(key);
    return true;
  }
}

export function newMobile(rng: Rng, registry: ContactRegistry): string {
  for (;;) {
    const mobile = pick(rng, mobilePrefixes) + digits(rng, 8);
    // Eight repeated digits read as a placeholder (13811111111) and are quarantined as spam.
    if (/(\d)\1{5}/.test(mobile)) continue;
    if (registry.claimPhone(mobile)) return mobile;
  }
}

/** An office line: area code and local number (010-62345678); 8008… and the like are not offices. */
function newLandline(rng: Rng, registry: ContactRegistry, place: Place | null): string {
  const { areaCode, localDigits } = place ?? pick(rng, places);
  for (;;) {
    const phone = `${areaCode}-${pick(rng, ['5', '6'])}${digits(rng, localDigits - 1)}`;
    if (registry.claimPhone(phone)) return phone;
  }
}

export interface PeopleOptions {
  /**
   * The share of Chinese names drawn from the forty most common full names. In China those
   * cover about half a per cent of people; the eval draws them far more often (12 %) so that
   * namesakes, the hard case, are many.
   */
  commonNameShare: number;
}

const evalPeople: PeopleOptions = { commonNameShare: 0.12 };

function chineseName(
  rng: Rng,
  options: PeopleOptions = evalPeople,
): { surname: string; given: string; surnameLatin: string; givenLatin: string } {
  if (chance(rng, options.commonNameShare)) {
    const name = pick(rng, commonNames);
    const surname = name[0]!;
    const given = name.slice(1);
    return { surname, given, surnameLatin: latinOf(surname), givenLatin: latinOf(given) };
  }
  const surname = weighted(rng, surnameWeights);
  // About one adult in five has a one-character given name.
  const givenParts = chance(rng, 0.2) ? [pick(rng, givenChars)] : [pick(rng, givenChars), pick(rng, givenChars)];
  const given = givenParts.map((han) => han.char).join('');
  return {
    surname: surname.char,
    given,
    surnameLatin: surname.pinyin,
    givenLatin: givenParts.map((han) => han.pinyin).join(''),
  };
}

export function newCompany(rng: Rng, latinName: boolean): Company {
  if (latinName && chance(rng, 0.45)) {
    return {
      style: 'en',
      place: null,
      brand: pick(rng, latinBrands),
      trade: chance(rng, 0.5) ? pick(rng, itTradesEn) : pick(rng, otherTradesEn),
      form: pick(rng, legalFormsEn),
      placeWithShi: false,
    };
  }
  const brandLength = weighted(rng, [
    [2, 80],
    [3, 15],
    [0, 5],
  ] as const);
  const brand =
    brandLength === 0
      ? pick(rng, latinBrands)
      : Array.from({ length: brandLength }, () => pick(rng, brandChars).char).join('');
  return {
    style: 'zh',
    place: chance(rng, 0.85) ? weighted(rng, placeWeights) : null,
    brand,
    trade: chance(rng, 0.5) ? pick(rng, itTrades) : pick(rng, otherTrades),
    form: weighted(rng, legalForms),
    placeWithShi: chance(rng, 0.05),
  };
}

/** The company as typed: 北京华信科技有限公司, 华信科技（北京）有限公司, Nova Technology (Shanghai) Co., Ltd. */
export function companyText(company: Company, options: { bracketPlace?: boolean; halfBrackets?: boolean } = {}) {
  if (company.style === 'en') {
    const place = company.place ? ` (${capitalise(company.place.pinyin)})` : '';
    return `${company.brand} ${company.trade}${place}${company.form ? ` ${company.form}` : ''}`;
  }
  const place = company.place ? `${company.place.name}${company.placeWithShi ? '市' : ''}` : '';
  if (options.bracketPlace && place) {
    const [open, close] = options.halfBrackets ? ['(', ')'] : ['（', '）'];
    return `${company.brand}${company.trade}${open}${place}${close}${company.form}`;
  }
  return `${place}${company.brand}${company.trade}${company.form}`;
}

const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

function companyDomain(rng: Rng, company: Company): string {
  const base = company.style === 'en' ? company.brand.toLowerCase() : latinOf(company.brand);
  const suffix = pick(rng, ['', '', '-tech', 'tech', 'group', 'soft', 'china']);
  return `${base}${suffix}.${pick(rng, ['com', 'com', 'cn', 'com.cn', 'net'])}`;
}

function newEmail(rng: Rng, registry: ContactRegistry, person: Omit<Person, 'email' | 'mobile'>, work: boolean) {
  const given = person.givenLatin.toLowerCase();
  const surname = person.surnameLatin.toLowerCase();
  const domain = work && person.company ? companyDomain(rng, person.company) : pick(rng, personalMailDomains);
  const locals = [`${given}.${surname}`, `${surname}${given}`, `${surname}.${given}`, `${surname}_${given}`];
  for (let attempt = 0; ; attempt++) {
    let local = pick(rng, locals);
    if (!work && chance(rng, 0.3)) local = `${int(rng, 9) + 1}${digits(rng, 5 + int(rng, 5))}`;
    else if (attempt > 0 || !work) local += chance(rng, 0.5) ? String(int(rng, 100)) : String(1970 + int(rng, 40));
    const email = `${local}@${domain}`;
    if (registry.claimEmail(email)) return email;
  }
}

export function newPerson(rng: Rng, registry: ContactRegistry, options: PeopleOptions = evalPeople): Person {
  const latin = chance(rng, 0.12);
  const names = latin
    ? (() => {
        const given = pick(rng, latinGivenNames);
        const surname = pick(rng, latinSurnames);
        return { surname, given, surnameLatin: surname, givenLatin: given };
      })()
    : chineseName(rng, options);
  const base = {
    latin,
    ...names,
    name: latin ? `${names.given} ${names.surname}` : `${names.surname}${names.given}`,
    company: chance(rng, 0.97) ? newCompany(rng, latin) : null,
    title: pick(rng, titles),
  };
  // Web forms often ask for a phone only; a few leads leave an e-mail only.
  const contacts = weighted(rng, [
    ['both', 60],
    ['phone', 30],
    ['email', 10],
  ] as const);
  return {
    ...base,
    mobile: contacts === 'email' ? null : newMobile(rng, registry),
    email: contacts === 'phone' ? null : newEmail(rng, registry, base, chance(rng, 0.75)),
  };
}

export function submissionOf(person: Person): LeadSubmission {
  return {
    name: person.name,
    ...(person.mobile && { phone: person.mobile }),
    ...(person.email && { email: person.email }),
    ...(person.company && { company: companyText(person.company) }),
    title: person.title,
  };
}

// ---------------------------------------------------------------------------------------------
// Variants

const toFullWidth = (text: string) =>
  text.replace(/[!-~]/g, (char) => String.fromCharCode(char.charCodeAt(0) + 0xfee0)).replace(/ /g, '\u3000');

function phoneFormat(rng: Rng, mobile: string): { phone: string; note: string } {
  const [a, b, c] = [mobile.slice(0, 3), mobile.slice(3, 7), mobile.slice(7)];
  const phone = pick(rng, [
    `+86 ${a} ${b} ${c}`,
    `0086-${a}-${b}-${c}`,
    `(86)${mobile}`,
    `+86-${mobile}`,
    `+86${mobile}`,
    `${a}-${b}-${c}`,
    `${a} ${b} ${c}`,
    `86 ${mobile}`,
    `+86 (${a}) ${b}-${c}`,
  ]);
  return { phone, note: `phone ${mobile} → ${phone}` };
}

function mistypeDigit(rng: Rng, registry: ContactRegistry, mobile: string): string {
  for (;;) {
    const position = 3 + int(rng, 8);
    const digit = String((Number(mobile[position]) + 1 + int(rng, 9)) % 10);
    const typo = mobile.slice(0, position) + digit + mobile.slice(position + 1);
    if (!/(\d)\1{5}/.test(typo) && registry.claimPhone(typo)) return typo;
  }
}

/** One new contact (never two: a new phone and a new e-mail together describe someone else). */
function newContact(
  rng: Rng,
  registry: ContactRegistry,
  person: Person,
): { fields: Partial<LeadSubmission>; note: string } {
  const which = weighted(rng, [
    ['mobile', 40],
    ['landline', 30],
    ['email', 30],
  ] as const);
  if (which === 'email') {
    const email = newEmail(rng, registry, person, false);
    return { fields: { email }, note: `private e-mail ${email}` };
  }
  const phone =
    which === 'mobile' ? newMobile(rng, registry) : newLandline(rng, registry, person.company?.place ?? null);
  return { fields: { phone }, note: `${which} ${phone}` };
}

/** Contacts of somebody else: often a phone only, as forms ask. */
function otherContacts(rng: Rng, registry: ContactRegistry, person: Person): Partial<LeadSubmission> {
  const contacts = weighted(rng, [
    ['phone', 50],
    ['email', 20],
    ['both', 30],
  ] as const);
  return {
    ...(contacts !== 'email' && { phone: newMobile(rng, registry) }),
    ...(contacts !== 'phone' && { email: newEmail(rng, registry, person, chance(rng, 0.6)) }),
  };
}

function otherName(
  rng: Rng,
  person: Person,
): Pick<Person, 'name' | 'surname' | 'given' | 'surnameLatin' | 'givenLatin'> {
  for (;;) {
    const names = person.latin
      ? (() => {
          const given = pick(rng, latinGivenNames);
          const surname = pick(rng, latinSurnames);
          return { surname, given, surnameLatin: surname, givenLatin: given, name: `${given} ${surname}` };
        })()
      : (() => {
          const chinese = chineseName(rng);
          return { ...chinese, name: chinese.surname + chinese.given };
        })();
    if (nameKeyOf(names.name) !== nameKeyOf(person.name)) return names;
  }
}

/** The generator's own idea of "the same name", independent of the matcher under test. */
export function nameKeyOf(name: string): string {
  const words = name
    .toLowerCase()
    .split(/[\s,]+/)
    .filter(Boolean);
  return /^[a-z ,]+$/.test(name.toLowerCase()) ? words.sort().join(' ') : words.join('');
}

const legalFormChoices = ['有限公司', '股份有限公司', '有限责任公司', ''];

function otherLegalForm(rng: Rng, company: Company): string {
  const choices = (company.style === 'en' ? legalFormsEn : legalFormChoices).filter((form) => form !== company.form);
  return pick(rng, choices);
}

const isItTrade = (company: Company) => (company.style === 'en' ? itTradesEn : itTrades).includes(company.trade);

/** Replaces the character at `index` by a homophone (or, without one, by another common character). */
function homophoneAt(rng: Rng, text: string, index: number, homophones: (char: string) => string[]): string {
  const chars = [...text];
  const char = chars[index]!;
  const options = homophones(char).filter((other) => other !== char);
  chars[index] =
    options.length > 0
      ? pick(rng, options)
      : pick(
          rng,
          brandChars.filter((han) => han.char !== char),
        ).char;
  return chars.join('');
}

const brandHomophones = (char: string) => brandChars.find((han) => han.char === char)?.homophones ?? [];
const anyHomophones = (char: string) => [...brandHomophones(char), ...(otherHomophones[char] ?? '')];

const keyboardNeighbours: Record<string, string> = {
  a: 'qsz',
  b: 'vgn',
  c: 'xdv',
  d: 'sfe',
  e: 'wrd',
  f: 'dgr',
  g: 'fht',
  h: 'gjy',
  i: 'uok',
  j: 'hku',
  k: 'jli',
  l: 'ko',
  m: 'nj',
  n: 'bmh',
  o: 'ipl',
  p: 'ol',
  q: 'wa',
  r: 'eft',
  s: 'adw',
  t: 'rgy',
  u: 'yji',
  v: 'cbf',
  w: 'qes',
  x: 'zcs',
  y: 'tuh',
  z: 'xa',
};

function latinTypo(rng: Rng, word: string): string {
  const index = int(rng, word.length);
  const char = word[index]!;
  const lower = char.toLowerCase();
  const replacement = pick(rng, [...(keyboardNeighbours[lower] ?? 'e')]);
  return word.slice(0, index) + (char === lower ? replacement : replacement.toUpperCase()) + word.slice(index + 1);
}

/** A Chinese brand character that does not sound like `char` (华信 → 华为, not 华新). */
function unlikeChar(rng: Rng, char: string): string {
  const pinyin = brandChars.find((han) => han.char === char)?.pinyin;
  const homophones = new Set(brandHomophones(char));
  for (;;) {
    const other: Han = pick(rng, brandChars);
    if (other.char !== char && other.pinyin !== pinyin && !homophones.has(other.char)) return other.char;
  }
}

interface Context {
  rng: Rng;
  registry: ContactRegistry;
  originals: Original[];
}

interface Built {
  submission: LeadSubmission;
  note: string;
}

interface KindSpec {
  label: 'same' | 'different';
  applies(person: Person): boolean;
  build(original: Original, context: Context): Built;
}

const hasCompany = (person: Person) => person.company !== null;

/** The same name at `company` with one new contact. */
function sameNameAt(original: Original, context: Context, company: string, what: string): Built {
  const contact = newContact(context.rng, context.registry, original.person);
  return {
    submission: { name: original.person.name, company, ...contact.fields },
    note: `${what}; ${contact.note}`,
  };
}

function withCompany(person: Person, change: (company: Company) => Company): Company {
  return change({ ...person.company! });
}

/** A company of another original whose trade name shares no character with this one's. */
function unrelatedCompany(context: Context, person: Person): string {
  const own = new Set([...person.company!.brand]);
  for (;;) {
    const other = pick(context.rng, context.originals).person.company;
    if (other && ![...other.brand].some((char) => own.has(char)) && other.brand !== person.company!.brand) {
      return companyText(other);
    }
  }
}

export const kindSpecs: Record<VariantKind, KindSpec> = {
  exact_repeat: {
    label: 'same',
    applies: () => true,
    build: (original) => ({ submission: { ...original.submission }, note: 'the same submission' }),
  },
  phone_format: {
    label: 'same',
    applies: (person) => person.mobile !== null,
    build: ({ person }, { rng }) => {
      const { phone, note } = phoneFormat(rng, person.mobile!);
      const company = person.company && chance(rng, 0.5) ? { company: companyText(person.company) } : {};
      return { submission: { name: person.name, phone, ...company }, note };
    },
  },
  phone_fullwidth: {
    label: 'same',
    applies: (person) => person.mobile !== null,
    build: ({ person }, { rng }) => {
      const phone = toFullWidth(chance(rng, 0.5) ? person.mobile! : `+86 ${person.mobile}`);
      return { submission: { name: person.name, phone }, note: `phone ${phone}` };
    },
  },
  email_case: {
    label: 'same',
    applies: (person) => person.email !== null,
    build: ({ person }, { rng }) => {
      const [local, domain] = person.email!.split('@') as [string, string];
      const email = chance(rng, 0.3)
        ? person.email!.toUpperCase()
        : `${local.replace(/(^|[._])([a-z])/g, (_, sep: string, letter: string) => sep + letter.toUpperCase())}@${capitalise(domain)}`;
      const company = person.company && chance(rng, 0.5) ? { company: companyText(person.company) } : {};
      return { submission: { name: person.name, email, ...company }, note: `e-mail ${email}` };
    },
  },
  email_fullwidth: {
    label: 'same',
    applies: (person) => person.email !== null,
    build: ({ person }) => {
      const email = toFullWidth(person.email!);
      return { submission: { name: person.name, email }, note: `e-mail ${email}` };
    },
  },
  name_company_new_contact: {
    label: 'same',
    applies: hasCompany,
    build: (original, context) =>
      sameNameAt(original, context, companyText(original.person.company!), 'same name and company'),
  },
  company_legal_form: {
    label: 'same',
    applies: hasCompany,
    build: (original, context) => {
      const company = withCompany(original.person, (c) => ({ ...c, form: otherLegalForm(context.rng, c) }));
      return sameNameAt(original, context, companyText(company), `company → ${companyText(company)}`);
    },
  },
  company_place_bracket: {
    label: 'same',
    applies: (person) => person.company?.style === 'zh' && person.company.place !== null,
    build: (original, context) => {
      const text = companyText(original.person.company!, {
        bracketPlace: true,
        halfBrackets: chance(context.rng, 0.3),
      });
      return sameNameAt(original, context, text, `company → ${text}`);
    },
  },
  company_place_dropped_or_added: {
    label: 'same',
    applies: (person) => person.company?.style === 'zh',
    build: (original, context) => {
      const company = withCompany(original.person, (c) => ({
        ...c,
        place: c.place ? null : weighted(context.rng, placeWeights),
      }));
      return sameNameAt(original, context, companyText(company), `company → ${companyText(company)}`);
    },
  },
  company_trade_synonym: {
    label: 'same',
    applies: (person) => person.company !== null && isItTrade(person.company),
    build: (original, context) => {
      const company = withCompany(original.person, (c) => ({
        ...c,
        trade: pick(
          context.rng,
          (c.style === 'en' ? itTradesEn : itTrades).filter((trade) => trade !== c.trade),
        ),
      }));
      return sameNameAt(original, context, companyText(company), `company → ${companyText(company)}`);
    },
  },
  company_fullwidth: {
    label: 'same',
    applies: (person) => person.company !== null && /[A-Za-z0-9]/.test(companyText(person.company)),
    build: (original, context) => {
      const text = toFullWidth(companyText(original.person.company!));
      return sameNameAt(original, context, text, `company → ${text}`);
    },
  },
  company_typo_tradename: {
    label: 'same',
    applies: hasCompany,
    build: (original, context) => {
      const { rng } = context;
      const company = withCompany(original.person, (c) => {
        if (/^[A-Za-z]+$/.test(c.brand)) return { ...c, brand: latinTypo(rng, c.brand) };
        const withHomophones = [...c.brand].flatMap((char, index) => (brandHomophones(char).length > 0 ? [index] : []));
        const index = withHomophones.length > 0 ? pick(rng, withHomophones) : int(rng, [...c.brand].length);
        return { ...c, brand: homophoneAt(rng, c.brand, index, brandHomophones) };
      });
      return sameNameAt(original, context, companyText(company), `company → ${companyText(company)}`);
    },
  },
  company_typo_elsewhere: {
    label: 'same',
    applies: hasCompany,
    build: (original, context) => {
      const { rng } = context;
      const company = withCompany(original.person, (c) => {
        if (c.style === 'en') return { ...c, trade: latinTypo(rng, c.trade) };
        const placeName = c.place ? c.place.name : '';
        const inPlace = placeName !== '' && chance(rng, 0.5);
        if (inPlace) {
          const typo = homophoneAt(rng, placeName, int(rng, placeName.length), anyHomophones);
          // The place is typed as text from here on; a typo makes it no known place.
          return { ...c, place: { ...c.place!, name: typo } };
        }
        return { ...c, trade: homophoneAt(rng, c.trade, int(rng, [...c.trade].length), anyHomophones) };
      });
      return sameNameAt(original, context, companyText(company), `company → ${companyText(company)}`);
    },
  },
  company_char_dropped: {
    label: 'same',
    applies: hasCompany,
    build: (original, context) => {
      const { rng } = context;
      const company = original.person.company!;
      const form = company.form;
      const text = companyText(company);
      const body = form ? text.slice(0, text.length - form.length) : text;
      // Never a space, nor the only character of a word.
      const positions = [...body].flatMap((char, index) => (/\s|[()（）]/.test(char) ? [] : [index]));
      const index = pick(rng, positions);
      const chars = [...body];
      chars.splice(index, 1);
      const typed = chars.join('') + form;
      return sameNameAt(original, context, typed, `company → ${typed} (dropped "${[...body][index]}")`);
    },
  },
  phone_typo: {
    label: 'same',
    applies: (person) => person.mobile !== null && person.company !== null,
    build: ({ person }, { rng, registry }) => {
      const phone = mistypeDigit(rng, registry, person.mobile!);
      return {
        submission: { name: person.name, phone, company: companyText(person.company!) },
        note: `phone ${person.mobile} → ${phone}, same name and company`,
      };
    },
  },
  name_swapped_latin: {
    label: 'same',
    applies: (person) => person.latin && person.company !== null,
    build: (original, context) => {
      const { given, surname } = original.person;
      const name = pick(context.rng, [
        `${surname} ${given}`,
        `${surname}, ${given}`,
        `${surname.toUpperCase()} ${given}`,
        `${surname.toLowerCase()}, ${given.toLowerCase()}`,
        `${given} ${surname.toUpperCase()}`,
      ]);
      const built = sameNameAt(original, context, companyText(original.person.company!), `name → ${name}`);
      return { ...built, submission: { ...built.submission, name } };
    },
  },
  name_spacing: {
    label: 'same',
    applies: (person) => !person.latin && person.company !== null,
    build: (original, context) => {
      const { surname, given } = original.person;
      const name = pick(context.rng, [`${surname} ${given}`, `${surname}\u3000${given}`, ` ${surname}${given} `]);
      const built = sameNameAt(original, context, companyText(original.person.company!), `name → "${name}"`);
      return { ...built, submission: { ...built.submission, name } };
    },
  },

  colleague_same_company: {
    label: 'different',
    applies: hasCompany,
    build: ({ person }, { rng, registry }) => {
      const names = otherName(rng, person);
      const colleague = { ...person, ...names };
      return {
        submission: {
          name: names.name,
          company: companyText(person.company!),
          ...otherContacts(rng, registry, colleague),
        },
        note: `${names.name} at the same company`,
      };
    },
  },
  namesake_other_company: {
    label: 'different',
    applies: hasCompany,
    build: ({ person }, context) => {
      const company = unrelatedCompany(context, person);
      return {
        submission: { name: person.name, company, ...otherContacts(context.rng, context.registry, person) },
        note: `same name at ${company}`,
      };
    },
  },
  phone_one_digit_other_person: {
    label: 'different',
    applies: (person) => person.mobile !== null && person.company !== null,
    build: ({ person }, context) => {
      const { rng, registry } = context;
      const names = otherName(rng, person);
      const phone = mistypeDigit(rng, registry, person.mobile!);
      const sameFirm = chance(rng, 0.5);
      const company = sameFirm ? companyText(person.company!) : unrelatedCompany(context, person);
      return {
        submission: { name: names.name, phone, company },
        note: `${names.name}, phone ${person.mobile} → ${phone}, ${sameFirm ? 'same' : 'other'} company`,
      };
    },
  },
  similar_company_namesake: {
    label: 'different',
    applies: hasCompany,
    build: ({ person }, { rng, registry }) => {
      const company = withCompany(person, (c) => {
        if (/^[A-Za-z]+$/.test(c.brand)) return { ...c, brand: `${c.brand}${pick(rng, ['x', 'ly', 'tek', 'a'])}` };
        const chars = [...c.brand];
        if (chars.length === 2 && chance(rng, 0.5)) return { ...c, brand: c.brand + unlikeChar(rng, chars[1]!) };
        const index = int(rng, chars.length);
        chars[index] = unlikeChar(rng, chars[index]!);
        return { ...c, brand: chars.join('') };
      });
      const text = companyText(company);
      return {
        submission: { name: person.name, company: text, ...otherContacts(rng, registry, person) },
        note: `same name at ${text}`,
      };
    },
  },
  namesake_same_company_other_contacts: {
    label: 'different',
    applies: (person) => person.mobile !== null && person.email !== null && person.company !== null,
    build: ({ person }, { rng, registry }) => {
      const phone = newMobile(rng, registry);
      const email = newEmail(rng, registry, person, chance(rng, 0.7));
      return {
        submission: { name: person.name, company: companyText(person.company!), phone, email },
        note: `same name and company, phone ${phone}, e-mail ${email}`,
      };
    },
  },
  namesake_same_tradename_other_city: {
    label: 'different',
    applies: (person) => person.company?.style === 'zh',
    build: ({ person }, { rng, registry }) => {
      const company = withCompany(person, (c) => ({
        ...c,
        place: pick(
          rng,
          places.filter((place) => place.name !== c.place?.name),
        ),
        trade: isItTrade(c) ? pick(rng, otherTrades) : pick(rng, itTrades),
        placeWithShi: false,
      }));
      const text = companyText(company);
      return {
        submission: { name: person.name, company: text, ...otherContacts(rng, registry, person) },
        note: `same name at ${text}`,
      };
    },
  },
};

/**
 * Originals (distinct people: no two share a name and a trade name) and, for as many as there
 * are kinds × `perKind`, one labelled item each. Rare kinds choose their originals first.
 */
export function generateDataset(options: { seed: number; originals: number; perKind?: number }): Dataset {
  const rng = seededRng(options.seed);
  const registry = new ContactRegistry();
  const taken = new Set<string>();
  const originals: Original[] = [];
  for (let attempts = 0; originals.length < options.originals && attempts < options.originals * 20; attempts++) {
    const person = newPerson(rng, registry);
    const key = `${nameKeyOf(person.name)}|${person.company?.brand.toLowerCase() ?? ''}`;
    if (taken.has(key)) continue;
    taken.add(key);
    originals.push({ index: originals.length, person, submission: submissionOf(person) });
  }
  const perKind = options.perKind ?? Math.floor(originals.length / variantKinds.length);
  const context: Context = { rng, registry, originals };
  const free = new Set(originals.map((original) => original.index));
  const byScarcity = variantKinds
    .map((kind) => ({
      kind,
      applicable: originals.filter((original) => kindSpecs[kind].applies(original.person)).length,
    }))
    .sort((a, b) => a.applicable - b.applicable || variantKinds.indexOf(a.kind) - variantKinds.indexOf(b.kind));
  const items: LabelledItem[] = [];
  for (const { kind } of byScarcity) {
    const spec = kindSpecs[kind];
    const pool = shuffle(
      rng,
      [...free].filter((index) => spec.applies(originals[index]!.person)),
    ).slice(0, perKind);
    for (const index of pool) {
      free.delete(index);
      const built = spec.build(originals[index]!, context);
      items.push({ kind, label: spec.label, originalIndex: index, ...built });
    }
  }
  return { seed: options.seed, originals, items: shuffle(rng, items) };
}
