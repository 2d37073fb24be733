import { describe, expect, it } from 'vitest';
import { DEFAULT_LETTER_SETTINGS, parseLetterSettings, parseLetterSettingsJson } from '../../../src/core/ctuPackage/letterSettings.ts';

describe('letter settings', () => {
  it('default to ČTÚ’s postal address and data box', () => {
    expect(DEFAULT_LETTER_SETTINGS.addressee).toEqual({
      name: 'Český telekomunikační úřad',
      address: ['Sokolovská 58/219', '190 00 Praha 9'],
      dataBox: 'a9qaats',
      email: 'pokryti@ctu.cz',
    });
    expect(parseLetterSettings({})).toEqual({ ok: true, settings: DEFAULT_LETTER_SETTINGS });
  });

  it('change what is given and keep the rest (address as lines or as text with line breaks)', () => {
    const parsed = parseLetterSettingsJson(
      JSON.stringify({
        reference: ' KK/1/26 ',
        place: 'Sokolov',
        sender: { name: 'Krajský úřad', address: 'Závodní 353/88\n360 06 Karlovy Vary' },
        addressee: { dataBox: 'abc1234' },
      }),
    );
    expect(parsed).toEqual({
      ok: true,
      settings: {
        addressee: { ...DEFAULT_LETTER_SETTINGS.addressee, dataBox: 'abc1234' },
        sender: { name: 'Krajský úřad', address: ['Závodní 353/88', '360 06 Karlovy Vary'], dataBox: '', email: '' },
        reference: 'KK/1/26',
        place: 'Sokolov',
      },
    });
  });

  it('refuse what the letter cannot print, naming the field', () => {
    expect(parseLetterSettingsJson('{')).toEqual({ ok: false, problem: { code: 'letterSettings.notJson' } });
    expect(parseLetterSettings({ addressee: { dataBox: 'a9q' } })).toEqual({
      ok: false,
      problem: { code: 'letterSettings.invalid', field: 'addressee.dataBox' },
    });
    expect(parseLetterSettings({ reference: 12 })).toEqual({ ok: false, problem: { code: 'letterSettings.invalid', field: 'reference' } });
    expect(parseLetterSettings({ place: 'x'.repeat(201) })).toEqual({ ok: false, problem: { code: 'letterSettings.tooLong', field: 'place', limit: 200 } });
    expect(parseLetterSettings([])).toMatchObject({ ok: false });
  });

  it('drop control characters from text', () => {
    const parsed = parseLetterSettings({ reference: 'KK/\u0007 1' });
    expect(parsed.ok && parsed.settings.reference).toBe('KK/  1');
  });
});
