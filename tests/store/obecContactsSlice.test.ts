/** The obce's official contacts in the store: taken from signed obec files on import, kept for the next session. */
import { describe, expect, it } from 'vitest';
import { exportObecFile } from '../../src/core/obecFile/exportObecFile.ts';
import { newProfile, openLoadedTab, openTab, validReport, BOZI_DAR } from './reportsStoreKit.ts';

function signed(contact: string, date: string): string {
  return exportObecFile([validReport(BOZI_DAR, { description: `Hlášení ${date}` })], {
    obec: { kod: '506486', nazev: 'Boží Dar' },
    signOff: { name: 'Jan Novák', function: 'starosta', date, contact },
    exportedAt: `${date}T09:00:00.000Z`,
    appVersion: 'test',
  });
}

describe('obec contacts in the store', () => {
  it('keeps the newest signed contact of each obec, and reads it back in a new session', async () => {
    const profile = newProfile();
    const tab = await openLoadedTab(profile);
    await tab.getState().importObecFile(signed('novy@bozidar.example', '2026-11-20'));
    await tab.getState().importObecFile(signed('stary@bozidar.example', '2025-01-10'));
    await expect.poll(() => tab.getState().obecContacts['506486']?.contact).toBe('novy@bozidar.example');
    // An unsigned file changes nothing.
    await tab.getState().importObecFile(
      exportObecFile([validReport(BOZI_DAR)], {
        obec: { kod: '506486', nazev: 'Boží Dar' },
        signOff: null,
        exportedAt: '2026-11-21T09:00:00.000Z',
        appVersion: 'test',
      }),
    );
    const next = openTab(profile);
    await next.getState().restoreObecContacts();
    expect(next.getState().obecContacts['506486']).toEqual({
      obecKod: '506486',
      name: 'Jan Novák',
      function: 'starosta',
      contact: 'novy@bozidar.example',
      date: '2026-11-20',
    });
  });
});
