/**
 * The table import end to end in Node: a generated office CSV read by the same session the worker runs (in-process
 * client), converted, and added through the store: places derived, saved to IndexedDB, one undo step, the same
 * table again is known, a point in no obec is refused with its row and reason, a row naming another obec than
 * its coordinates' one is imported with a warning.
 */
import { describe, expect, it } from 'vitest';
import { createInProcessTableImportClient } from '../../src/store/tableImportClient.ts';
import { encodeWindows1250 } from '../support/windows1250.ts';
import { newProfile, openLoadedTab, reportsOnDisk } from './reportsStoreKit.ts';

const CSV = [
  'Obec;Popis;Souřadnice Y;Souřadnice X;Operátor;Problém',
  'Bražec;Dolní Valov u mostu;835804,84;1019584,24;O2;bez signálu',
  'Boží Dar;Parkoviště;-843142,62;-991896,51;T-Mobile;nelze se dovolat',
  'Mimo;Za hranicí v Německu;-870000;-960000;O2;bez signálu',
  'Chyba;Bez souřadnic;;;O2;bez signálu',
  'Jáchymov;Obec v tabulce nesedí se souřadnicemi;-843100;-991900;O2;bez signálu',
].join('\r\n');

async function convert() {
  const client = createInProcessTableImportClient();
  const read = await client.read({ fileName: 'seznam.csv', format: 'csv', bytes: encodeWindows1250(CSV) });
  if (!read.ok || !read.value.ok) throw new Error('not read');
  const { preview } = read.value;
  expect(preview.source).toMatchObject({ encoding: 'windows-1250', delimiter: ';' });
  expect(preview.rowCount).toBe(5);
  const evaluation = await client.evaluate(preview.guess);
  if (!evaluation.ok) throw new Error(evaluation.message);
  const conversion = await client.convert(preview.guess, '2026-03-01T10:00:00.000Z');
  if (!conversion.ok) throw new Error(conversion.message);
  return { evaluation: evaluation.value, conversion: conversion.value };
}

describe('table import through the store', () => {
  it('adds the rows as reports with their places, in one undoable step, and knows them the second time', async () => {
    const { evaluation, conversion } = await convert();
    // The point in Germany is inside the S-JTSK extent: only the lookup refuses it (in the store).
    expect(evaluation).toMatchObject({ importable: 4, refused: 1 });
    expect(conversion.problems).toEqual([{ row: 5, column: null, code: 'row.noPosition', params: { obec: 'Chyba' }, columnLabel: '', value: '' }]);

    const profile = newProfile();
    const store = await openLoadedTab(profile);
    const summary = await store.getState().importTableReports(conversion.reports);
    expect(summary.added).toBe(3);
    expect(summary.unchanged).toBe(0);
    expect(summary.rejected).toEqual([{ row: 4, column: null, code: 'lookup.outsideCzechia' }]);
    // The last row names Jáchymov but lies in Boží Dar: imported by its coordinates, with a warning naming both.
    expect(summary.warnings).toEqual([{ row: 6, column: 0, code: 'row.obecMismatch', params: { value: 'Jáchymov', found: 'Boží Dar (506486)' } }]);

    const stored = Object.values(await reportsOnDisk(profile));
    expect(stored.map((report) => report.place?.obec.nazev).sort()).toEqual(['Boží Dar', 'Boží Dar', 'Bražec']);
    expect(stored.every((report) => report.origin?.kind === 'table' && report.origin.file === 'seznam.csv')).toBe(true);
    expect(store.getState().history.undoKey).toBe('history.importTable');

    const again = await store.getState().importTableReports((await convert()).conversion.reports);
    expect(again).toMatchObject({ added: 0, unchanged: 3 });

    await store.getState().undo();
    expect(Object.keys(store.getState().reports)).toHaveLength(0);
  });

  it('an edited imported report is kept when the same table comes again', async () => {
    const { conversion } = await convert();
    const store = await openLoadedTab(newProfile());
    await store.getState().importTableReports(conversion.reports);
    const id = conversion.reports[0]!.report.id;
    await store.getState().updateReport(id, { description: 'Upraveno starostou' });
    const again = await store.getState().importTableReports(conversion.reports);
    expect(again.added).toBe(0);
    expect(store.getState().reports[id]!.description).toBe('Upraveno starostou');
  });
});
