/**
 * Groups Chinese mobile numbers the way people read them (+86 138 0013 8000); anything
 * else is shown as stored, since E.164 is already unambiguous.
 */
export function formatPhone(e164: string): string {
  const chineseMobile = /^\+86(1\d{2})(\d{4})(\d{4})$/.exec(e164);
  if (!chineseMobile) return e164;
  const [, prefix, middle, last] = chineseMobile;
  return `+86 ${prefix} ${middle} ${last}`;
}
