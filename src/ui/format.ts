/**
 * Number and coordinate formatting for the UI. Coordinates stay dot-decimal so they can be pasted anywhere;
 * the line break between the two numbers is shown by `white-space: pre-line` and copies as a newline.
 */
import { localeOf, type Language } from '../i18n/translate.ts';

export function formatWgs84(lon: number, lat: number): string {
  return `${lat.toFixed(6)}° ${lat >= 0 ? 'N' : 'S'},\n${lon.toFixed(6)}° ${lon >= 0 ? 'E' : 'W'}`;
}

export function formatSjtsk(x: number, y: number): string {
  return `x = ${x.toFixed(2)},\ny = ${y.toFixed(2)}`;
}

export function formatCount(language: Language, value: number): string {
  return new Intl.NumberFormat(localeOf(language)).format(value);
}

export function formatDistanceKm(language: Language, metres: number): string {
  return new Intl.NumberFormat(localeOf(language), { maximumFractionDigits: 1 }).format(metres / 1000);
}

/** An ISO date ("2024-06-01") or month ("2024-06") in the UI language; other strings pass through. */
export function formatIsoDate(language: Language, isoDate: string): string {
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(isoDate);
  if (!match) return isoDate;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3] ?? 1)));
  const options: Intl.DateTimeFormatOptions = match[3] ? { dateStyle: 'long', timeZone: 'UTC' } : { month: 'long', year: 'numeric', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(localeOf(language), options).format(date);
}

/** An ISO date as a short numeric date ("2. 6. 2025" / "02/06/2025"). */
export function formatShortDate(language: Language, isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!match) return isoDate;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(localeOf(language), { day: 'numeric', month: 'numeric', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/**
 * A moment (ISO date-time) as the app writes dates everywhere: numeric day, month and full year, then hours and
 * minutes, in Czech time ("6. 12. 2026 13:17" / "06/12/2026, 13:17").
 */
export function formatDateTime(language: Language, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(localeOf(language), {
    day: 'numeric',
    month: 'numeric',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Prague',
  }).format(date);
}

export function formatMetres(language: Language, metres: number): string {
  return `${new Intl.NumberFormat(localeOf(language), { maximumFractionDigits: 0 }).format(metres)} m`;
}
