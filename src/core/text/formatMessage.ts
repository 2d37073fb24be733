/**
 * Fills a message template: `{name}` is replaced by the parameter, and `{name, plural, one {…} few {…} many {…}
 * other {…}}` chooses the branch by Intl.PluralRules of the locale (a subset of ICU MessageFormat), with `#` in the
 * branch replaced by the number formatted by Intl.NumberFormat. Czech has four categories: one (1), few (2–4),
 * many (fractions: 1,5) and other (0, 5…); English has one and other. A missing branch falls back to `other`.
 * Pure: the UI's translate and the letter (built in a worker from templates) share it.
 */

export type MessageParameters = Readonly<Record<string, string | number>>;

const rulesCache = new Map<string, Intl.PluralRules>();
const numberCache = new Map<string, Intl.NumberFormat>();

function pluralRules(locale: string): Intl.PluralRules {
  let rules = rulesCache.get(locale);
  if (!rules) rulesCache.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules;
}

function numberFormat(locale: string): Intl.NumberFormat {
  let format = numberCache.get(locale);
  if (!format) numberCache.set(locale, (format = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 })));
  return format;
}

/**
 * A parameter as a number: numbers as they are; text formatted for the locale parsed back (grouping spaces dropped;
 * in English a comma groups thousands, in Czech it is the decimal mark).
 */
function asNumber(locale: string, value: string | number | undefined): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value === undefined || value.trim() === '') return null;
  const compact = value.replace(/[\s\u00a0\u202f]/g, '');
  const parsed = Number(locale.startsWith('en') ? compact.replace(/,/g, '') : compact.replace(',', '.'));
  return Number.isFinite(parsed) ? parsed : null;
}

/** The plural category of `value` in `locale` (one / few / many / other / zero / two). */
export function pluralCategory(locale: string, value: number): Intl.LDMLPluralRule {
  return pluralRules(locale).select(value);
}

/** Index just after the `}` that closes the `{` at `open`. */
function closingBrace(template: string, open: number): number {
  let depth = 0;
  for (let i = open; i < template.length; i++) {
    if (template[i] === '{') depth++;
    else if (template[i] === '}' && --depth === 0) return i + 1;
  }
  return -1;
}

/** The branches of a plural body `one {…} few {…} other {…}`. */
function pluralBranches(body: string): Map<string, string> {
  const branches = new Map<string, string>();
  let i = 0;
  while (i < body.length) {
    const match = /^\s*(=\d+|zero|one|two|few|many|other)\s*\{/.exec(body.slice(i));
    if (!match) break;
    const open = i + match[0].length - 1;
    const end = closingBrace(body, open);
    if (end < 0) break;
    branches.set(match[1]!, body.slice(open + 1, end - 1));
    i = end;
  }
  return branches;
}

export function formatMessage(locale: string, template: string, params?: MessageParameters): string {
  if (!params && !template.includes(', plural,')) return template;
  let out = '';
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open < 0) {
      out += template.slice(i);
      break;
    }
    out += template.slice(i, open);
    const end = closingBrace(template, open);
    if (end < 0) {
      out += template.slice(open);
      break;
    }
    const inner = template.slice(open + 1, end - 1);
    const plural = /^\s*(\w+)\s*,\s*plural\s*,([\s\S]*)$/.exec(inner);
    if (plural) {
      const raw = params?.[plural[1]!];
      const value = asNumber(locale, raw);
      const branches = pluralBranches(plural[2]!);
      if (value === null) {
        out += template.slice(open, end);
      } else {
        const branch = branches.get(`=${value}`) ?? branches.get(pluralCategory(locale, value)) ?? branches.get('other') ?? '';
        // `#` is the number (as the caller formatted it, or formatted here); the branch may hold parameters of its own.
        const shown = typeof raw === 'number' ? numberFormat(locale).format(value) : String(raw);
        out += formatMessage(locale, branch.replace(/#/g, shown), params);
      }
    } else if (/^\w+$/.test(inner)) {
      const value = params?.[inner];
      out += value === undefined ? template.slice(open, end) : String(value);
    } else {
      out += template.slice(open, end);
    }
    i = end;
  }
  return out;
}

/** The names of the plural parameters of a template (for tests and checks of the catalogue). */
export function pluralParameters(template: string): Array<{ name: string; categories: string[] }> {
  const found: Array<{ name: string; categories: string[] }> = [];
  const pattern = /\{\s*(\w+)\s*,\s*plural\s*,/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(template))) {
    const end = closingBrace(template, match.index);
    const body = template.slice(match.index + match[0].length, end - 1);
    found.push({ name: match[1]!, categories: [...pluralBranches(body).keys()] });
  }
  return found;
}
