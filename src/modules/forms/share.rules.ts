/** Parameters a printed QR code or a shared link carries into the lead's campaign and UTM. */
export const trackingParams = ['campaign', 'utm_source', 'utm_medium', 'utm_campaign'] as const;
export type TrackingParams = Partial<Record<(typeof trackingParams)[number], string | undefined>>;

/** Where a form is read from, relative to the site. */
export function formPath(slug: string): string {
  return `/f/${encodeURIComponent(slug)}`;
}

/** The public page's address with the tracking parameters given, in a fixed order (stable QR codes). */
export function formUrl(origin: string, slug: string, params: TrackingParams = {}, embed = false): string {
  const url = new URL(formPath(slug), origin);
  for (const name of trackingParams) {
    const value = params[name]?.trim();
    if (value) url.searchParams.set(name, value);
  }
  if (embed) url.searchParams.set('embed', '1');
  return url.toString();
}

/**
 * The request's origin as Fastify resolved it: protocol and host come from X-Forwarded-Proto/Host
 * only when the app trusts the proxy (CLEW_TRUST_PROXY), so a client cannot choose what is printed.
 * A configured public origin wins: admins often reach Clew on an intranet address that a visitor
 * scanning a poster could not.
 */
export function publicOrigin(configured: string | undefined, request: { protocol: string; host: string }): string {
  return configured ?? `${request.protocol}://${request.host}`;
}

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => escapes[char]!);

/** The message the public page posts to its parent when embedded; the snippet listens for it. */
export const EMBED_MESSAGE = 'clew-form';

/**
 * An iframe of the form and a few lines that let the page size the frame to its content and send
 * the visitor on after submitting (a framed page may not navigate the page around it). The listener
 * accepts messages from Clew's origin and for this form only.
 */
export function embedSnippet(origin: string, slug: string, title: string): string {
  const id = `clew-form-${slug}`;
  const src = formUrl(origin, slug, {}, true);
  const script = [
    '(function () {',
    `  var frame = document.getElementById(${JSON.stringify(id)});`,
    '  window.addEventListener("message", function (event) {',
    '    var data = event.data;',
    `    if (event.origin !== ${JSON.stringify(origin)} || !data || data.type !== ${JSON.stringify(EMBED_MESSAGE)}) return;`,
    `    if (data.slug !== ${JSON.stringify(slug)} || !frame) return;`,
    '    if (typeof data.height === "number") frame.style.height = Math.ceil(data.height) + "px";',
    '    if (typeof data.redirectUrl === "string" && /^https?:\\/\\//.test(data.redirectUrl)) window.location.href = data.redirectUrl;',
    '  });',
    '})();',
  ].join('\n');
  return (
    `<iframe id="${escapeHtml(id)}" src="${escapeHtml(src)}" title="${escapeHtml(title)}" ` +
    `style="width: 100%; max-width: 640px; height: 720px; border: 0;" loading="lazy"></iframe>\n` +
    `<script>\n${script.replace(/<\//g, '<\\/')}\n</script>`
  );
}
