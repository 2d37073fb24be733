import { formatMessage } from '../core/text/formatMessage.ts';
import { cs, type MessageKey } from './cs.ts';
import { en } from './en.ts';

export type { MessageKey } from './cs.ts';

export const LANGUAGES = ['cs', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'cs';

const TABLES: Record<Language, Record<MessageKey, string>> = { cs, en };

export type MessageParams = Readonly<Record<string, string | number>>;

/**
 * The message for `key` in `language`, with `{name}` parameters filled in and `{count, plural, one {…} few {…}
 * many {…} other {…}}` forms chosen by Intl.PluralRules of the language (see core/text/formatMessage.ts).
 */
export function translate(language: Language, key: MessageKey, params?: MessageParams): string {
  return formatMessage(localeOf(language), TABLES[language][key], params);
}

/** The raw template of `key` (with its plural forms), for code that formats later, e.g. the letter in a worker. */
export function messageTemplate(language: Language, key: MessageKey): string {
  return TABLES[language][key];
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
  return (key, params) => (key in TABLES[language] ? translate(language, key as MessageKey, params) : key);
}
