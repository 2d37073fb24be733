import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { exportObecFile } from '../../../src/core/obecFile/exportObecFile.ts';
import { obecContactOf, obecContactText, obecContactTexts, withObecContact } from '../../../src/core/obecFile/obecContacts.ts';
import { parseObecFile } from '../../../src/core/obecFile/parseObecFile.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../reports/fixtures');
const schema = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../public/schema/obec-file.schema.json'), 'utf8'));

function signedFile(contact: unknown, date = '2026-11-20'): string {
  const parsed = parseObecFile(readFileSync(path.join(FIXTURES, 'obec-file-v2.geojson'), 'utf8'));
  if (!parsed.ok) throw new Error('fixture');
  const text = exportObecFile(parsed.reports, {
    obec: { kod: '506486', nazev: 'Boží Dar' },
    signOff: { name: 'Jan Novák', function: 'starosta', date },
    exportedAt: `${date}T09:00:00.000Z`,
    appVersion: 'test',
  });
  const file = JSON.parse(text) as { hluchaMista: { signOff: Record<string, unknown> } };
  file.hluchaMista.signOff.contact = contact;
  return JSON.stringify(file);
}

describe('the obec’s official contact from the sign-off', () => {
  it('is read from a signed file, valid against the published schema, and written into the package text', () => {
    const text = signedFile('podatelna@bozidar.cz, DS: abc1234');
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats.default(ajv);
    expect(ajv.compile(schema)(JSON.parse(text))).toBe(true);
    const parsed = parseObecFile(text);
    if (!parsed.ok) throw new Error('refused');
    expect(parsed.header.signOff?.contact).toBe('podatelna@bozidar.cz, DS: abc1234');
    const contact = obecContactOf(parsed.header);
    expect(contact).toEqual({ obecKod: '506486', name: 'Jan Novák', function: 'starosta', contact: 'podatelna@bozidar.cz, DS: abc1234', date: '2026-11-20' });
    expect(obecContactText(contact!)).toBe('Jan Novák, starosta, podatelna@bozidar.cz, DS: abc1234');
  });

  it('control characters are removed and an overlong contact is cut; a non-string contact is ignored', () => {
    const parsed = parseObecFile(signedFile(`tel.\u0000 123\n456 ${'x'.repeat(300)}`));
    if (!parsed.ok) throw new Error('refused');
    expect(parsed.header.signOff?.contact).toMatch(/^tel\. 123 456 x+$/);
    expect(parsed.header.signOff?.contact?.length).toBe(200);
    const ignored = parseObecFile(signedFile({ email: 'x' }));
    if (!ignored.ok) throw new Error('refused');
    expect(ignored.header.signOff?.contact).toBeUndefined();
    // Still a contact: the name and function of who signed it off.
    expect(obecContactText(obecContactOf(ignored.header)!)).toBe('Jan Novák, starosta');
  });

  it('the newest sign-off of an obec wins; unsigned files and files for several obce give none', () => {
    const older = { obecKod: '506486', name: 'Jan Novák', function: 'starosta', contact: 'stary@obec.cz', date: '2025-05-01' };
    const newer = { ...older, name: 'Eva Nová', function: 'starostka', contact: 'podatelna@obec.cz', date: '2026-11-20' };
    expect(withObecContact(withObecContact({}, older), newer)['506486']).toEqual(newer);
    expect(withObecContact(withObecContact({}, newer), older)['506486']).toEqual(newer);
    expect(obecContactTexts(withObecContact({}, newer))).toEqual({ '506486': 'Eva Nová, starostka, podatelna@obec.cz' });
    const header = {
      format: 'hlucha-mista/obec-file' as const,
      schemaVersion: 2,
      exportedAt: '',
      app: { name: 'hlucha-mista' as const, version: '' },
      obec: null,
      signOff: { name: 'X', function: 'Y', date: '2026-01-01' },
    };
    expect(obecContactOf(header)).toBeNull();
    expect(obecContactOf({ ...header, obec: { kod: '506486', nazev: 'Boží Dar' }, signOff: null })).toBeNull();
  });
});
