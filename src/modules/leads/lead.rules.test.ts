import fc from 'fast-check';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import {
  decodeCursor,
  encodeCursor,
  fillGaps,
  normaliseEmail,
  normaliseLead,
  normalisePhone,
  toHalfWidth,
} from './lead.rules.ts';

describe('normalisePhone', () => {
  it.each([
    ['13800138000', '+8613800138000'],
    ['138 0013 8000', '+8613800138000'],
    ['138-0013-8000', '+8613800138000'],
    ['+86 138 0013 8000', '+8613800138000'],
    ['0086 13800138000', '+8613800138000'],
    ['１３８００１３８０００', '+8613800138000'],
    ['010-62345678', '+861062345678'],
    ['(021) 6234 5678', '+862162345678'],
    ['+1 415 555 2671', '+14155552671'],
    ['+44 20 7946 0958', '+442079460958'],
  ])('should turn %s into %s', (raw, expected) => {
    expect(normalisePhone(raw)).toBe(expected);
  });

  it('should give what the full parse gives for any 11-digit number starting with 1, in any usual format', () => {
    const full = (raw: string) => {
      const parsed = parsePhoneNumberFromString(raw, 'CN');
      return parsed?.isValid() ? parsed.number : null;
    };
    fc.assert(
      fc.property(
        fc.stringMatching(/^1\d{10}$/),
        fc.constantFrom('', '+86', '+86 ', '0086', '0086 '),
        fc.boolean(),
        (digits, prefix, spaced) => {
          const raw = prefix + (spaced ? `${digits.slice(0, 3)} ${digits.slice(3, 7)}-${digits.slice(7)}` : digits);
          expect(normalisePhone(raw)).toBe(full(raw));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it.each(['12345', 'abc', '', '   ', '1380013800', '138001380001234', '+86 000 0000 0000'])(
    'should refuse %j',
    (raw) => {
      expect(normalisePhone(raw)).toBeNull();
    },
  );
});

describe('normaliseEmail', () => {
  it.each([
    ['Zhang.Wei@Example.COM', 'zhang.wei@example.com'],
    ['  li@corp.cn ', 'li@corp.cn'],
    ['wang＠corp.cn', 'wang@corp.cn'],
  ])('should turn %s into %s', (raw, expected) => {
    expect(normaliseEmail(raw)).toBe(expected);
  });

  it.each(['not-an-email', 'a@', '@b.cn', 'a b@c.cn'])('should refuse %j', (raw) => {
    expect(normaliseEmail(raw)).toBeNull();
  });
});

describe('toHalfWidth', () => {
  it('should convert full-width letters, digits and the ideographic space', () => {
    expect(toHalfWidth('ＡＢＣ１２３　（北京）')).toBe('ABC123 (北京)');
  });
});

describe('normaliseLead', () => {
  it('should clean every field and fall back to the channel as source', () => {
    const result = normaliseLead(
      { name: '  张  伟 ', phone: '13800138000', company: ' 北京华信 ', email: null },
      '官网注册',
    );
    expect(result).toEqual({
      ok: true,
      value: {
        name: '张 伟',
        nameKey: '张伟',
        phone: '+8613800138000',
        email: null,
        company: '北京华信',
        companyKey: '北京华信',
        website: null,
        title: null,
        province: null,
        city: null,
        source: '官网注册',
        campaign: null,
        utm: null,
        landingPage: null,
        referrer: null,
        channelId: null,
        tags: [],
        custom: {},
      },
    });
  });

  it.each([
    [{ name: 'a', phone: '123' }, 'INVALID_PHONE', 'phone'],
    [{ name: 'a', email: 'nope' }, 'INVALID_EMAIL', 'email'],
    [{ name: 'a' }, 'MISSING_CONTACT', 'phone'],
    [{ name: 'a', phone: '  ', email: '' }, 'MISSING_CONTACT', 'phone'],
  ])('should refuse %j with %s on %s', (input, code, field) => {
    const result = normaliseLead(input, 'api');
    expect(result).toMatchObject({ ok: false, code, field });
  });

  it('should standardise the region and key the company', () => {
    const result = normaliseLead(
      { name: 'a', phone: '13800138000', company: '深圳启明电子有限公司', province: '广东', city: '深圳' },
      'api',
    );
    expect(result.ok && result.value).toMatchObject({
      company: '深圳启明电子有限公司',
      companyKey: '深圳启明电子',
      province: '广东省',
      city: '深圳市',
    });
  });

  it('should keep a submitted source over the fallback', () => {
    const result = normaliseLead({ name: 'a', email: 'a@b.cn', source: '展会' }, 'api');
    expect(result.ok && result.value.source).toBe('展会');
  });
});

describe('fillGaps', () => {
  it('should take only fields the existing lead lacks', () => {
    const existing: Record<string, string | null> = { phone: '+8613800138000', email: null, company: null };
    expect(
      fillGaps(existing, { phone: '+8613900000000', email: 'x@y.cn', company: null }, ['phone', 'email', 'company']),
    ).toEqual({ email: 'x@y.cn' });
  });
});

describe('lead cursor', () => {
  it('should round-trip any timestamp and uuid', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date(0), max: new Date('2100-01-01'), noInvalidDate: true }),
        fc.uuid(),
        (createdAt, id) => {
          expect(decodeCursor(encodeCursor({ createdAt, id }))).toEqual({ createdAt, id });
        },
      ),
    );
  });

  it('should refuse anything else', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const decoded = decodeCursor(text);
        if (decoded) expect(decoded.id).toMatch(/^[0-9a-f-]{36}$/i);
      }),
    );
    expect(decodeCursor('garbage')).toBeNull();
  });

  it.each([
    '0000-01-01T00:00:00.000Z',
    '-000001-01-01T00:00:00.000Z',
    '+275760-09-13T00:00:00.000Z',
    '2026-02-30T00:00:00.000Z',
    '2026-11-23',
    '2026-11-23T08:00:00Z',
  ])('should refuse a cursor at %s, which PostgreSQL could not compare', (iso) => {
    const text = Buffer.from(`${iso}|00000000-0000-4000-8000-000000000000`).toString('base64url');
    expect(decodeCursor(text)).toBeNull();
  });
});
