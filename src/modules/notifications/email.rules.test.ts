import { describe, expect, it } from 'vitest';
import { emailMessage, escapeHtml } from './email.rules.ts';
import { emailChannel, notification, smtpConfig } from './notification.schemas.ts';

describe('emailMessage', () => {
  it.each([
    {
      locale: 'zh-CN' as const,
      subject: '[Clew] 线索超时未跟进：张三',
      open: '查看详情: https://clew.example.com/leads/42',
      footer: '此邮件由 Clew 自动发送，请勿直接回复。',
    },
    {
      locale: 'en-US' as const,
      subject: '[Clew] 线索超时未跟进：张三',
      open: 'Open in Clew: https://clew.example.com/leads/42',
      footer: 'Sent by Clew automatically; replies are not read.',
    },
  ])('should word the $locale e-mail', ({ locale, subject, open, footer }) => {
    const mail = emailMessage(
      notification.parse({
        event: 'sla.breached',
        title: '线索超时未跟进：张三',
        lines: ['等级：A'],
        link: 'https://clew.example.com/leads/42',
        locale,
      }),
    );
    expect(mail.subject).toBe(subject);
    expect(mail.text).toContain(open);
    expect(mail.text).toContain(footer);
    expect(mail.html).toContain(`lang="${locale}"`);
  });

  it('should escape data in the HTML and keep the subject on one line', () => {
    const mail = emailMessage(
      notification.parse({
        event: 'lead.assigned',
        title: 'Lead <script>alert(1)</script>\r\nBcc: x@evil.example',
        lines: ['Company: "A & B" <Ltd>'],
        locale: 'en-US',
      }),
    );
    expect(mail.subject).toBe('[Clew] Lead <script>alert(1)</script> Bcc: x@evil.example');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('Company: &quot;A &amp; B&quot; &lt;Ltd&gt;');
  });

  it('should escape the five HTML characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('email schemas', () => {
  it.each([
    { input: { kind: 'email', to: ['li.si@example.com'] }, ok: true },
    { input: { kind: 'email', to: [] }, ok: false },
    { input: { kind: 'email', to: ['not an address'] }, ok: false },
  ])('should accept recipients $input.to: $ok', ({ input, ok }) => {
    expect(emailChannel.safeParse(input).success).toBe(ok);
  });

  it.each([
    { input: { host: 'smtp.example.com', from: 'Clew <clew@example.com>' }, ok: true },
    { input: { host: 'smtp.example.com', from: 'clew@example.com', user: 'clew' }, ok: false },
    { input: { host: 'smtp.example.com', from: 'clew@example.com', user: 'clew', password: 'pw' }, ok: true },
    { input: { host: 'smtp.example.com', port: 70_000, from: 'clew@example.com' }, ok: false },
  ])('should accept SMTP settings $input: $ok', ({ input, ok }) => {
    expect(smtpConfig.safeParse(input).success).toBe(ok);
  });
});
