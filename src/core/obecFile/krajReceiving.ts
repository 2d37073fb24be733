/**
 * Where the kraj receives obec files: the office, an e-mail address and a data box (datová schránka, ISDS), and a
 * note (e.g. "předmět: Hluchá místa"). A kraj setting: the kraj that runs the app for its obce sets it (deployment
 * file or the dialog); the mayor's export dialog shows it with what happens next.
 */

export interface KrajReceiving {
  /** Who receives the files, e.g. "Odbor regionálního rozvoje". */
  office: string;
  email: string;
  /** ISDS data box id: 7 characters, lower-case letters and digits (e.g. "siqbxt2"). */
  dataBox: string;
  note: string;
}

export const EMPTY_KRAJ_RECEIVING: KrajReceiving = { office: '', email: '', dataBox: '', note: '' };

export const KRAJ_RECEIVING_LIMITS = { office: 200, email: 200, dataBox: 7, note: 500 } as const;

export type KrajReceivingProblem =
  | { field: 'email'; code: 'krajReceiving.badEmail' }
  | { field: 'dataBox'; code: 'krajReceiving.badDataBox' }
  | { field: 'office' | 'email' | 'dataBox' | 'note'; code: 'krajReceiving.tooLong'; params: { max: number } };

const EMAIL = /^[^\s@<>"]+@[^\s@<>".]+(\.[^\s@<>".]+)+$/;
const DATA_BOX = /^[a-z0-9]{7}$/;

/** The setting cleaned (trimmed; a data box id lower-cased, its spaces dropped) and what is wrong with it. */
export function checkKrajReceiving(input: Partial<Record<keyof KrajReceiving, unknown>>): { value: KrajReceiving; problems: KrajReceivingProblem[] } {
  const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
  const value: KrajReceiving = {
    office: text(input.office),
    email: text(input.email),
    dataBox: text(input.dataBox).replace(/\s+/g, '').toLowerCase(),
    note: text(input.note),
  };
  const problems: KrajReceivingProblem[] = [];
  for (const field of ['office', 'email', 'dataBox', 'note'] as const) {
    const max = KRAJ_RECEIVING_LIMITS[field];
    if (field !== 'dataBox' && value[field].length > max) problems.push({ field, code: 'krajReceiving.tooLong', params: { max } });
  }
  if (value.email !== '' && (!EMAIL.test(value.email) || value.email.length > KRAJ_RECEIVING_LIMITS.email))
    problems.push({ field: 'email', code: 'krajReceiving.badEmail' });
  if (value.dataBox !== '' && !DATA_BOX.test(value.dataBox)) problems.push({ field: 'dataBox', code: 'krajReceiving.badDataBox' });
  return { value, problems };
}

/** Whether the kraj has said where files go (an e-mail or a data box). */
export function hasReceivingAddress(receiving: KrajReceiving | null | undefined): receiving is KrajReceiving {
  return !!receiving && (receiving.email !== '' || receiving.dataBox !== '');
}
