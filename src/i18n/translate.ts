import { formatMessage } from '../core/text/formatMessage.ts';
import { cs, type MessageKey } from './cs.ts';

export type { MessageKey } from './cs.ts';

export const LANGUAGES = ['cs', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'cs';

/**
 * The catalogues loaded so far. Czech, the default, is in the page's first chunk; English (~90 KB) loads when
 * chosen (`loadLanguage`; the store switches only once it is here, and index.html preloads it for a page that
 * opens in English). Node's callers (CLI, server, tests) register every language at once: ./allLanguages.ts.
 */
const TABLES: Partial<Record<Language, Record<MessageKey, string>>> = { cs };

export function registerLanguage(language: Language, table: Record<MessageKey, string>): void {
  TABLES[language] = table;
}

export function languageLoaded(language: Language): boolean {
  return TABLES[language] !== undefined;
}

/** Loads the catalogue of `language` (its own chunk); a failed load (weak signal) may be tried again. */
export function loadLanguage(language: Language): Promise<void> {
  if (languageLoaded(language)) return Promise.resolve();
  return import('./en.ts').then(({ en }) => registerLanguage('en', en));
}

/** The catalogue of `language`; Czech until another one has loaded (the store never switches before that). */
function tableOf(language: Language): Record<MessageKey, string> {
  return TABLES[language] ?? cs;
}

export type MessageParams = Readonly<Record<string, string | number>>;

/**
 * The message for `key` in `language`, with `{name}` parameters filled in and `{count, plural, one {…} few {…}
 * many {…} other {…}}` forms chosen by Intl.PluralRules of the language (see core/text/formatMessage.ts).
 */
export function translate(language: Language, key: MessageKey, params?: MessageParams): string {
  return formatMessage(localeOf(language), tableOf(language)[key], params);
}

/** The raw template of `key` (with its plural forms), for code that formats later, e.g. the letter in a worker. */
export function messageTemplate(language: Language, key: MessageKey): string {
  return tableOf(language)[key];
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** BCP 47 tag for number and date formatting. */
export function localeOf(language: Language): string {
  return language === 'cs' ? 'cs-CZ' : 'en-GB';
}

/** A label function for core (which speaks in codes): the message of `key` when the catalogue has one, else the key. */
export function labelIn(language: Language): (key: string, params?: MessageParams) => string {
  return (key, params) => (key in tableOf(language) ? translate(language, key as MessageKey, params) : key);
}
