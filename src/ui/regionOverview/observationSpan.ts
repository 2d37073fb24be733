/**
 * "rozpětí pozorování": hours up to 48 h (the evidence rule counts hours apart), days beyond (5173.5 h reads as
 * 216 dní). Numbers by Intl in the UI language; the day word by Intl.PluralRules.
 */
import { localeOf, translate, type Language, type MessageKey } from '../../i18n/translate.ts';

export function formatObservationSpan(hours: number, language: Language): string {
  const locale = localeOf(language);
  if (hours <= 48) {
    const value = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(hours);
    return translate(language, 'evidence.span.hours', { value });
  }
  const days = Math.round(hours / 24);
  const category = new Intl.PluralRules(locale).select(days);
  const key = `evidence.span.days.${category}` as MessageKey;
  return translate(language, key, { value: new Intl.NumberFormat(locale).format(days) });
}
