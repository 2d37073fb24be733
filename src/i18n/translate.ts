import { cs, type MessageKey } from './cs.ts';
import { en } from './en.ts';

export type { MessageKey } from './cs.ts';

export const LANGUAGES = ['cs', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'cs';

const TABLES: Record<Language, Record<MessageKey, string>> = { cs, en };

export type MessageParams = Readonly<Record<string, string | number>>;

/** The message for `key` in `language`, with `{name}` parameters filled in. */
export function translate(language: Language, key: MessageKey, params?: MessageParams): string {
  const template = TABLES[language][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** BCP 47 tag for number and date formatting. */
export function localeOf(language: Language): string {
  return language === 'cs' ? 'cs-CZ' : 'en-GB';
}
