import type { Notification, NotificationLocale } from './notification.schemas.ts';

/** A notification as an e-mail, pure: subject, plain text and HTML (nodemailer encodes the UTF-8). */

export interface EmailMessage {
  subject: string;
  text: string;
  html: string;
}

const wording: Record<NotificationLocale, { open: string; footer: string }> = {
  'zh-CN': { open: '查看详情', footer: '此邮件由 Clew 自动发送，请勿直接回复。' },
  'en-US': { open: 'Open in Clew', footer: 'Sent by Clew automatically; replies are not read.' },
};

const htmlEntities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => htmlEntities[char]!);
}

/** Subject lines are one line: newlines in a title would otherwise read as a header break to some clients. */
const oneLine = (text: string) => text.replace(/[\r\n]+/g, ' ').trim();

export function emailMessage(notification: Notification): EmailMessage {
  const words = wording[notification.locale];
  const subject = `[Clew] ${oneLine(notification.title)}`;
  const text = [
    notification.title,
    '',
    ...notification.lines,
    ...(notification.link ? ['', `${words.open}: ${notification.link}`] : []),
    '',
    '--',
    words.footer,
  ].join('\n');
  const paragraphs = notification.lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('');
  const link = notification.link
    ? `<p><a href="${escapeHtml(notification.link)}">${escapeHtml(words.open)}</a></p>`
    : '';
  const html =
    `<!doctype html><html lang="${notification.locale}"><meta charset="utf-8">` +
    `<body><h2>${escapeHtml(notification.title)}</h2>${paragraphs}${link}` +
    `<hr><p style="color:#888;font-size:12px">${escapeHtml(words.footer)}</p></body></html>`;
  return { subject, text, html };
}
