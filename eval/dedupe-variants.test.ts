import { describe, expect, it } from 'vitest';
import { companyMatchKey } from '../src/modules/leads/company.rules.ts';
import { normaliseLead, type CleanLead } from '../src/modules/leads/lead.rules.ts';
import { spamReason } from '../src/modules/intake/spam.rules.ts';
import { generateDataset, kindSpecs, nameKeyOf, variantKinds, type LeadSubmission } from './dedupe-variants.ts';

const dataset = generateDataset({ seed: 7, originals: 1200 });

function cleaned(submission: LeadSubmission): CleanLead {
  const result = normaliseLead(submission, 'test');
  if (!result.ok) throw new Error(`${JSON.stringify(submission)}: ${result.message}`);
  return result.value;
}

const originalOf = (index: number) => cleaned(dataset.originals[index]!.submission);
const itemsOf = (kind: string) => dataset.items.filter((item) => item.kind === kind);

describe('generateDataset', () => {
  it('should give the same data set for the same seed and another for another seed', () => {
    const small = generateDataset({ seed: 7, originals: 240 });
    expect(generateDataset({ seed: 7, originals: 240 })).toEqual(small);
    expect(generateDataset({ seed: 8, originals: 240 }).originals[0]).not.toEqual(small.originals[0]);
  });

  it('should make every submission one the intake accepts, and none it takes for spam', () => {
    for (const submission of [
      ...dataset.originals.map((o) => o.submission),
      ...dataset.items.map((i) => i.submission),
    ]) {
      expect(spamReason(cleaned(submission))).toBeNull();
    }
  });

  it('should make originals distinct people: own phone, own e-mail, no name at the same trade name', () => {
    const phones = dataset.originals.flatMap((_, index) => originalOf(index).phone ?? []);
    const emails = dataset.originals.flatMap((_, index) => originalOf(index).email ?? []);
    expect(new Set(phones).size).toBe(phones.length);
    expect(new Set(emails).size).toBe(emails.length);
    const people = dataset.originals.map(({ person }) => `${nameKeyOf(person.name)}|${person.company?.brand}`);
    expect(new Set(people).size).toBe(people.length);
  });

  it('should draw common names often enough for namesakes, and English names too', () => {
    const names = dataset.originals.map(({ person }) => person.name);
    const counts = new Map<string, number>();
    for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
    expect(Math.max(...counts.values())).toBeGreaterThanOrEqual(3);
    expect(dataset.originals.filter(({ person }) => person.latin).length).toBeGreaterThan(60);
  });

  it('should give every kind the same number of items, one per original at most', () => {
    for (const kind of variantKinds) expect(itemsOf(kind).length).toBe(Math.floor(1200 / variantKinds.length));
    const originals = dataset.items.map((item) => item.originalIndex);
    expect(new Set(originals).size).toBe(originals.length);
  });

  it('should label each kind as its specification says', () => {
    for (const item of dataset.items) expect(item.label).toBe(kindSpecs[item.kind].label);
  });
});

describe('variant kinds', () => {
  it.each(['phone_format', 'phone_fullwidth'])('should keep the phone of the original in %s', (kind) => {
    for (const item of itemsOf(kind)) {
      expect(cleaned(item.submission).phone).toBe(originalOf(item.originalIndex).phone);
    }
  });

  it.each(['email_case', 'email_fullwidth'])('should keep the e-mail of the original in %s', (kind) => {
    for (const item of itemsOf(kind)) {
      expect(item.submission.email).not.toBe(dataset.originals[item.originalIndex]!.submission.email);
      expect(cleaned(item.submission).email).toBe(originalOf(item.originalIndex).email);
    }
  });

  const namePathKinds = [
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
  ];

  it.each(namePathKinds)('should share no contact with the original and carry one contact in %s', (kind) => {
    for (const item of itemsOf(kind)) {
      const variant = cleaned(item.submission);
      const original = originalOf(item.originalIndex);
      expect(variant.phone === null || variant.phone !== original.phone).toBe(true);
      expect(variant.email === null || variant.email !== original.email).toBe(true);
      expect(variant.phone === null || variant.email === null).toBe(true);
      expect(nameKeyOf(item.submission.name.trim().replace(/\s+/g, ' '))).toBe(
        nameKeyOf(dataset.originals[item.originalIndex]!.person.name),
      );
    }
  });

  it.each([
    'company_legal_form',
    'company_place_bracket',
    'company_place_dropped_or_added',
    'company_trade_synonym',
    'company_typo_tradename',
    'company_typo_elsewhere',
    'company_char_dropped',
  ])('should change how the company is written in %s', (kind) => {
    for (const item of itemsOf(kind)) {
      expect(item.submission.company).not.toBe(dataset.originals[item.originalIndex]!.submission.company);
    }
  });

  it('should change only the characters of the trade name in company_typo_tradename', () => {
    for (const item of itemsOf('company_typo_tradename')) {
      const { company } = dataset.originals[item.originalIndex]!.person;
      const before = companyMatchKey(dataset.originals[item.originalIndex]!.submission.company)!;
      const after = companyMatchKey(item.submission.company)!;
      expect([...after].length).toBe([...before].length);
      expect(after).not.toContain(company!.brand.toLowerCase());
    }
  });

  it('should give other people contacts of their own', () => {
    for (const item of dataset.items.filter((item) => item.label === 'different')) {
      const other = cleaned(item.submission);
      const original = originalOf(item.originalIndex);
      expect(other.phone === null || other.phone !== original.phone).toBe(true);
      expect(other.email === null || other.email !== original.email).toBe(true);
    }
  });

  it('should give a namesake at the same company both a phone and an e-mail, unlike the original', () => {
    for (const item of itemsOf('namesake_same_company_other_contacts')) {
      const other = cleaned(item.submission);
      const original = originalOf(item.originalIndex);
      expect(item.submission.company).toBe(dataset.originals[item.originalIndex]!.submission.company);
      expect([other.phone, other.email, original.phone, original.email].every(Boolean)).toBe(true);
    }
  });

  it('should put a like-named firm in the same place and trade in similar_company_namesake', () => {
    for (const item of itemsOf('similar_company_namesake')) {
      const { company } = dataset.originals[item.originalIndex]!.person;
      expect(item.submission.name).toBe(dataset.originals[item.originalIndex]!.person.name);
      expect(item.submission.company).toContain(company!.trade);
      if (company!.place) expect(item.submission.company).toContain(company!.place.name);
    }
  });

  it('should give another name to colleagues and to a phone one digit off', () => {
    for (const item of [...itemsOf('colleague_same_company'), ...itemsOf('phone_one_digit_other_person')]) {
      expect(nameKeyOf(item.submission.name)).not.toBe(nameKeyOf(dataset.originals[item.originalIndex]!.person.name));
    }
    for (const item of itemsOf('phone_one_digit_other_person')) {
      const phone = cleaned(item.submission).phone!;
      const original = originalOf(item.originalIndex).phone!;
      expect([...phone].filter((digit, index) => digit !== original[index]).length).toBe(1);
    }
  });
});
