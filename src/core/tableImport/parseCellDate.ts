/**
 * A date as Czech tables write it: "7. 3. 2025", "07.03.2025 14:30", "2025-03-07", "2025-03-07T14:30:00",
 * or an Excel serial day number ("45723", days since 30 Dec 1899; the fraction is the time of day).
 * Returns an ISO date (YYYY-MM-DD) and, when given, the time (HH:MM); null when the cell is not a valid date.
 */
import { parseCellNumber } from './parseCellNumber.ts';

export interface CellDate {
  date: string;
  time: string | null;
}

/** Serial numbers taken as dates: 1 Jan 1950 … 31 Dec 2099 (smaller or larger numbers are something else). */
const SERIAL_MIN = 18_264;
const SERIAL_MAX = 73_050;
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function checked(year: number, month: number, day: number, hours: number | null, minutes: number | null): CellDate | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  if (hours !== null && (hours > 23 || minutes === null || minutes > 59)) return null;
  return { date: `${year}-${pad(month)}-${pad(day)}`, time: hours === null ? null : `${pad(hours)}:${pad(minutes!)}` };
}

export function parseCellDate(text: string): CellDate | null {
  const value = text.trim();
  if (value === '') return null;
  const czech = /^(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::\d{2})?)?$/.exec(value);
  if (czech) {
    const [, d, m, y, hh, mm] = czech;
    return checked(Number(y), Number(m), Number(d), hh === undefined ? null : Number(hh), mm === undefined ? null : Number(mm));
  }
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(value);
  if (iso) {
    const [, y, m, d, hh, mm] = iso;
    return checked(Number(y), Number(m), Number(d), hh === undefined ? null : Number(hh), mm === undefined ? null : Number(mm));
  }
  const serial = parseCellNumber(value);
  if (serial !== null && serial >= SERIAL_MIN && serial <= SERIAL_MAX) {
    const moment = new Date(EXCEL_EPOCH_MS + Math.round((serial * DAY_MS) / 60_000) * 60_000);
    const hasTime = serial % 1 !== 0;
    return checked(
      moment.getUTCFullYear(),
      moment.getUTCMonth() + 1,
      moment.getUTCDate(),
      hasTime ? moment.getUTCHours() : null,
      hasTime ? moment.getUTCMinutes() : null,
    );
  }
  return null;
}
