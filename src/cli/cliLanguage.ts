/**
 * The language of the CLI's sentences: Czech by default, English with `--lang en` (or HLUCHA_MISTA_LANG=en).
 * Codes stay as they are; sentences come from the app's message catalogue.
 */
import '../i18n/allLanguages.ts';
import { isLanguage, translate, type Language, type MessageKey, type MessageParams } from '../i18n/translate.ts';

export function cliLanguage(flags: ReadonlyMap<string, string | true>): Language {
  const asked = flags.get('lang') ?? process.env.HLUCHA_MISTA_LANG;
  return isLanguage(asked) ? asked : 'cs';
}

export function cliSentence(language: Language, key: MessageKey, params?: MessageParams): string {
  return translate(language, key, params);
}
