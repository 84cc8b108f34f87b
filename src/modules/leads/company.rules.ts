import { toHalfWidth } from './text.rules.ts';

/**
 * Legal-form and grouping words that vary between two spellings of one company
 * (北京华信科技有限公司 / 北京华信科技 / 华信科技（北京）股份有限公司). Longest first, so
 * 股份有限公司 goes before 有限公司.
 */
const legalSuffixes = [
  '股份有限公司',
  '有限责任公司',
  '集团有限公司',
  '集团股份有限公司',
  '控股有限公司',
  '有限公司',
  '分公司',
  '总公司',
  '公司',
  '集团',
  '股份',
  '控股',
  'co., ltd.',
  'co.,ltd.',
  'co. ltd.',
  'co ltd',
  'corporation',
  'company',
  'limited',
  'group',
  'corp.',
  'corp',
  'inc.',
  'inc',
  'ltd.',
  'ltd',
  'llc',
  'co',
].sort((a, b) => b.length - a.length);

/**
 * A company's match key: half-width, lower-case, without punctuation, spaces, a parenthesised
 * place (（北京）) or its legal form. Two names with one key are one company; the display name
 * keeps what the customer typed.
 */
export function companyMatchKey(name: string | null | undefined): string | null {
  if (!name) return null;
  let key = toHalfWidth(name).toLowerCase().trim();
  key = key.replace(/\([^)]*\)/g, '');
  for (let changed = true; changed;) {
    changed = false;
    key = key.replace(/[\s.,·・'"&-]+$/u, '');
    for (const suffix of legalSuffixes) {
      // A Latin legal form counts only as a whole word: "disco" keeps its "co".
      const wholeWord = !/^[a-z]/.test(suffix) || !/[a-z0-9]$/.test(key.slice(0, -suffix.length));
      if (key.endsWith(suffix) && key.length > suffix.length && wholeWord) {
        key = key.slice(0, -suffix.length);
        changed = true;
        break;
      }
    }
  }
  key = key.replace(/[\s\p{P}\p{S}]+/gu, '');
  return key === '' ? null : key;
}
