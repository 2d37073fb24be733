/**
 * The obec's official contact for the kraj's package ("Kontakt obce" in lokality.csv): who signed the obec file
 * off for the obec, their function and the office's official contact, taken from the newest signed obec file of
 * each obec. It is the obec's official contact, so it goes to ČTÚ whether or not reporters' contacts do.
 */
import type { ObecFileHeader } from './obecFileFormat.ts';

export interface ObecContact {
  obecKod: string;
  name: string;
  function: string;
  contact: string | null;
  /** The sign-off date (ISO), to keep the newest. */
  date: string;
}

/** The contact a signed obec file gives for its obec, or null (no obec, or not signed off). */
export function obecContactOf(header: ObecFileHeader | null): ObecContact | null {
  if (!header?.obec || !header.signOff) return null;
  const { name, function: role, date, contact } = header.signOff;
  if (name.trim() === '' && !contact) return null;
  return { obecKod: header.obec.kod, name: name.trim(), function: role.trim(), contact: contact?.trim() || null, date };
}

/** Adds a contact to the list, keeping per obec the one with the newest sign-off date. */
export function withObecContact(contacts: Readonly<Record<string, ObecContact>>, contact: ObecContact): Record<string, ObecContact> {
  const current = contacts[contact.obecKod];
  if (current && current.date > contact.date) return { ...contacts };
  return { ...contacts, [contact.obecKod]: contact };
}

/** The text of the "Kontakt obce" cell: "Jana Nováková, starostka, podatelna@obec.cz". */
export function obecContactText(contact: ObecContact): string {
  return [contact.name, contact.function, contact.contact].filter((part): part is string => Boolean(part && part.trim())).join(', ');
}

/** Obec kód → contact text, as the package's tables take it. */
export function obecContactTexts(contacts: Readonly<Record<string, ObecContact>>): Record<string, string> {
  return Object.fromEntries(Object.entries(contacts).map(([kod, contact]) => [kod, obecContactText(contact)]));
}
