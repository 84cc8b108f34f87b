import type { CleanLead } from '../leads/lead.rules.ts';

/** Throw-away mailbox services: a lead that cannot be written back to is not a lead yet. */
const disposableDomains = new Set([
  'mailinator.com',
  'guerrillamail.com',
  'sharklasers.com',
  '10minutemail.com',
  'temp-mail.org',
  'yopmail.com',
  'trashmail.com',
  'getnada.com',
  'maildrop.cc',
  'dispostable.com',
  'linshiyouxiang.net',
  'bccto.me',
  'chacuo.net',
]);

const placeholderNames = /^(test|testing|tester|demo|asdf+|qwer?t?y?|xxx+|aaa+|abc|123+|测试|测试一下|哈哈+|啊+)$/iu;
const link = /(https?:\/\/|www\.|\.(com|cn|net|xyz|top)\b)/iu;
/** A run of one digit after the prefix is typed to get past a form's phone check. */
const placeholderPhone = /^\+861\d(\d)\1{8}$/;

/**
 * Why a well-formed submission looks like spam or a test, or null. Such a submission is kept in
 * quarantine, where a person can release it; it never becomes a lead on its own.
 */
export function spamReason(lead: Pick<CleanLead, 'name' | 'phone' | 'email' | 'company'>): string | null {
  if (placeholderNames.test(lead.name.replace(/\s+/g, ''))) return `"${lead.name}" looks like a test name`;
  if (link.test(lead.name) || (lead.company && /https?:\/\/|www\./iu.test(lead.company))) {
    return 'A name or company contains a link';
  }
  const domain = lead.email?.split('@')[1];
  if (domain && [...disposableDomains].some((known) => domain === known || domain.endsWith(`.${known}`))) {
    return `${domain} is a disposable mailbox`;
  }
  if (lead.phone && placeholderPhone.test(lead.phone)) return `${lead.phone} is a placeholder number`;
  return null;
}
