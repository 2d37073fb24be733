/**
 * The covering letter's addressee, sender, reference number (č. j.) and place: settings of the kraj, remembered by
 * the app and given to `export` as flags or a JSON file. The defaults address ČTÚ at its postal address and data box.
 */

export interface LetterParty {
  /** Organisation (úřad, kraj). */
  name: string;
  /** Postal address, one line each (street, PSČ and town). */
  address: string[];
  /** ID datové schránky (7 characters). */
  dataBox: string;
  email: string;
}

export interface LetterSettings {
  addressee: LetterParty;
  /** The kraj's office; an empty name means the kraj's own name. */
  sender: LetterParty;
  /** Číslo jednací of the kraj's file, or empty. */
  reference: string;
  /** Where the letter is signed (e.g. Karlovy Vary), or empty. */
  place: string;
}

/** Český telekomunikační úřad, Sokolovská 58/219, 190 00 Praha 9; ID datové schránky a9qaats; pokryti@ctu.cz. */
export const CTU_ADDRESSEE: LetterParty = {
  name: 'Český telekomunikační úřad',
  address: ['Sokolovská 58/219', '190 00 Praha 9'],
  dataBox: 'a9qaats',
  email: 'pokryti@ctu.cz',
};

export const DEFAULT_LETTER_SETTINGS: LetterSettings = {
  addressee: CTU_ADDRESSEE,
  sender: { name: '', address: [], dataBox: '', email: '' },
  reference: '',
  place: '',
};

export type LetterSettingsProblem =
  | { code: 'letterSettings.notJson' }
  | { code: 'letterSettings.unreadable' }
  | { code: 'letterSettings.invalid'; field: string }
  | { code: 'letterSettings.tooLong'; field: string; limit: number };

const TEXT_LIMIT = 200;
const DATA_BOX = /^[a-z0-9]{7}$/i;

/** A field as text: trimmed, control characters dropped. */
function cleanText(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
}

type Partial2<T> = { [K in keyof T]?: T[K] extends object ? Partial<T[K]> : T[K] };

/**
 * Settings from untrusted data (a JSON file, stored settings): every field optional, defaults for what is missing.
 * A field of the wrong type, a data-box ID that is not 7 letters and digits, or text over 200 characters is refused
 * with its field's name.
 */
export function parseLetterSettings(
  value: unknown,
  base: LetterSettings = DEFAULT_LETTER_SETTINGS,
): { ok: true; settings: LetterSettings } | { ok: false; problem: LetterSettingsProblem } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, problem: { code: 'letterSettings.invalid', field: '' } };
  const input = value as Partial2<LetterSettings>;
  const text = (field: string, raw: unknown, fallback: string): string | LetterSettingsProblem => {
    if (raw === undefined) return fallback;
    if (typeof raw !== 'string') return { code: 'letterSettings.invalid', field };
    const cleaned = cleanText(raw);
    return cleaned.length > TEXT_LIMIT ? { code: 'letterSettings.tooLong', field, limit: TEXT_LIMIT } : cleaned;
  };
  const party = (field: 'addressee' | 'sender'): LetterParty | LetterSettingsProblem => {
    const raw = input[field];
    const fallback = base[field];
    if (raw === undefined) return fallback;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { code: 'letterSettings.invalid', field };
    const name = text(`${field}.name`, raw.name, fallback.name);
    const dataBox = text(`${field}.dataBox`, raw.dataBox, fallback.dataBox);
    const email = text(`${field}.email`, raw.email, fallback.email);
    let address: string[] | LetterSettingsProblem = fallback.address;
    if (raw.address !== undefined) {
      const lines = typeof raw.address === 'string' ? (raw.address as string).split(/\r?\n|;/) : raw.address;
      if (!Array.isArray(lines) || lines.length > 6 || lines.some((line) => typeof line !== 'string'))
        return { code: 'letterSettings.invalid', field: `${field}.address` };
      const cleaned = lines.map((line) => text(`${field}.address`, line, ''));
      const problem = cleaned.find((line): line is LetterSettingsProblem => typeof line !== 'string');
      if (problem) return problem;
      address = (cleaned as string[]).filter(Boolean);
    }
    for (const item of [name, dataBox, email]) if (typeof item !== 'string') return item;
    if (dataBox !== '' && !DATA_BOX.test(dataBox as string)) return { code: 'letterSettings.invalid', field: `${field}.dataBox` };
    return { name: name as string, address: address as string[], dataBox: dataBox as string, email: email as string };
  };
  const addressee = party('addressee');
  if ('code' in addressee) return { ok: false, problem: addressee };
  const sender = party('sender');
  if ('code' in sender) return { ok: false, problem: sender };
  const reference = text('reference', input.reference, base.reference);
  if (typeof reference !== 'string') return { ok: false, problem: reference };
  const place = text('place', input.place, base.place);
  if (typeof place !== 'string') return { ok: false, problem: place };
  return { ok: true, settings: { addressee, sender, reference, place } };
}

/** Settings from the text of a JSON file. */
export function parseLetterSettingsJson(text: string, base?: LetterSettings): ReturnType<typeof parseLetterSettings> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: { code: 'letterSettings.notJson' } };
  }
  return parseLetterSettings(value, base);
}
