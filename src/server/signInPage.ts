/**
 * The page a sign-in link opens: a confirmation with one button that POSTs the token (only the POST uses the link,
 * so an e-mail scanner or a link preview that fetches it leaves it usable), or why the sign-in failed. Czech, or
 * English by `?lang=en` or the browser's Accept-Language. Nothing a user typed is on the page; the token (checked
 * against TOKEN_SHAPE first) and the codes are escaped anyway. No script, no outside resources, not frameable.
 */
import type { Context } from 'hono';
import '../i18n/allLanguages.ts';
import { isLanguage, translate, type Language, type MessageKey } from '../i18n/translate.ts';

export const MAGIC_LINK_PATH = '/api/auth/magic-link/callback';
/** The shape of a link's token (base64url, as newSecret makes it); anything else is not looked up. */
export const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

/** The origin of a URL (a Referer), or null. */
export function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

/** `?lang=cs|en`, else the first of Czech (or Slovak) and English in Accept-Language by its weight, else Czech. */
export function pageLanguage(c: Context): Language {
  const asked = c.req.query('lang');
  if (isLanguage(asked)) return asked;
  const ranges = (c.req.header('accept-language') ?? '')
    .split(',')
    .map((part, order) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { base: tag.trim().toLowerCase().split('-')[0]!, q: q === undefined ? 1 : Number(q), order };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order);
  for (const range of ranges) {
    if (range.base === 'cs' || range.base === 'sk') return 'cs';
    if (range.base === 'en') return 'en';
  }
  return 'cs';
}

export type SignInPageContent = { kind: 'confirm'; token: string; action: string } | { kind: 'failed'; code: string };

const STYLE =
  'body{font-family:system-ui,sans-serif;margin:0;padding:2rem 1rem;background:#f6f7f9;color:#1d2430}main{max-width:32rem;margin:0 auto;background:#fff;padding:1.5rem;border-radius:8px;box-shadow:0 1px 3px #0002}h1{font-size:1.4rem;margin-top:0}button{font:inherit;font-size:1.1rem;padding:.7rem 1.6rem;border:0;border-radius:6px;background:#1f5fbf;color:#fff;cursor:pointer}button:focus-visible{outline:3px solid #f0b400;outline-offset:2px}.small{font-size:.9rem;color:#4a5463}code{font-size:.85rem}';

export function signInPage(c: Context, lang: Language, status: 200 | 400 | 403, content: SignInPageContent): Response {
  const t = (key: MessageKey) => escapeHtml(translate(lang, key));
  let body: string;
  let title: string;
  if (content.kind === 'confirm') {
    title = t('signInPage.title');
    const other: Language = lang === 'cs' ? 'en' : 'cs';
    const switchHref = `?token=${encodeURIComponent(content.token)}&lang=${other}`;
    body =
      `<h1>${title}</h1><p>${t('signInPage.lead')}</p>` +
      `<form method="post" action="${escapeHtml(content.action)}">` +
      `<input type="hidden" name="token" value="${escapeHtml(content.token)}"><input type="hidden" name="lang" value="${lang}">` +
      `<button type="submit">${t('signInPage.button')}</button></form>` +
      `<p class="small">${t('signInPage.why')}</p>` +
      `<p class="small"><a href="${escapeHtml(switchHref)}" lang="${other}">${other === 'en' ? 'English' : 'Česky'}</a></p>`;
  } else {
    title = t('signInPage.failedTitle');
    const key = `signInPage.failed.${content.code}`;
    const known = ['auth.linkUsed', 'auth.linkExpired', 'auth.linkUnknown', 'csrf.foreignOrigin'].includes(content.code);
    body =
      `<h1>${title}</h1><p>${t(known ? (key as MessageKey) : 'signInPage.failed.other')}</p>` +
      `<p class="small"><code>${escapeHtml(content.code)}</code></p><p><a href="/">${t('signInPage.back')}</a></p>`;
  }
  const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="same-origin"><title>${title}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
  return c.html(html, status, {
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    'X-Frame-Options': 'DENY',
    // same-origin, not no-referrer: with no-referrer the form's POST carries `Origin: null`.
    'Referrer-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  });
}
