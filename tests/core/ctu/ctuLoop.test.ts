import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { clusterReports } from '../../../src/core/cluster/clusterReports.ts';
import { buildAnswerTemplateCsv, importAnswers, parseAnswersCsv } from '../../../src/core/ctu/ctuAnswers.ts';
import { buildChangesCsv } from '../../../src/core/ctu/packageChanges.ts';
import { diffPackages, mergePackageHistories, packagedLocality, recordPackage, sendPackage } from '../../../src/core/ctu/packageHistory.ts';
import { buildPackageLocalities } from '../../../src/core/ctuPackage/packageLocalities.ts';
import { createEmptyReport } from '../../../src/core/reports/createReport.ts';
import { derivePlace } from '../../../src/core/reports/derivePlace.ts';
import type { Report } from '../../../src/core/reports/report.ts';
import { assignLocalityNumbers } from '../../../src/core/review/localityNumbers.ts';
import type { ReviewState } from '../../../src/core/review/reviewModel.ts';
import { EMPTY_REVIEW_STATE } from '../../../src/core/review/reviewModel.ts';
import { countryObecIndex } from '../../support/packs.ts';

const AT = '2026-11-25T10:00:00.000Z';
let n = 0;
function report(lon: number, lat: number, createdAt: string): Report {
  n++;
  const geometry = { type: 'Point' as const, coordinates: [lon, lat] };
  const place = derivePlace(countryObecIndex(), geometry);
  return {
    ...createEmptyReport(geometry, { id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, now: createdAt }),
    place: place.ok ? place.place : null,
    description: `Místo ${n}`,
    failures: ['noSignal'],
    operators: ['o2'],
  };
}

describe('the loop back from ČTÚ (issue 16)', () => {
  const reports = [report(12.87, 50.23, '2026-10-01T08:00:00Z'), report(12.95, 50.23, '2026-10-02T08:00:00Z'), report(13.05, 50.23, '2026-10-03T08:00:00Z')];
  const clustering = clusterReports(reports, { distanceM: 300 });
  const numbered = assignLocalityNumbers(
    EMPTY_REVIEW_STATE,
    clustering.localities.map((l) => ({ id: l.id, nuts3: 'CZ041', firstAt: reports.find((r) => r.id === l.reportIds[0])!.createdAt })),
    AT,
  ).state;
  const ids = clustering.localities.map((l) => l.id);
  // The first two confirmed, the third still new.
  const review: ReviewState = {
    ...numbered,
    reviews: Object.fromEntries(Object.entries(numbered.reviews).map(([id, r]) => [id, id === ids[2] ? r : { ...r, status: 'confirmed' }])),
  };
  const localities = buildPackageLocalities(reports, clustering, review, AT);
  const context = { clustering, by: 'Jana Dvořáková', at: '2026-11-26T09:00:00.000Z' };

  it('records each package with its number, who, SHA-256 and the localities as they were', () => {
    const first = recordPackage([], {
      nuts3: 'CZ041',
      createdAt: AT,
      by: 'Jana',
      fileName: 'a.zip',
      sha256: 'ab'.repeat(32),
      selection: { statuses: ['confirmed'] },
      localities,
    });
    expect(first).toMatchObject({ number: 'KV-2026-B001', by: 'Jana', sent: null });
    expect(first.localities.map((l) => [l.number, l.status])).toEqual([
      ['KV-2026-0001', 'confirmed'],
      ['KV-2026-0002', 'confirmed'],
      ['KV-2026-0003', 'new'],
    ]);
    const second = recordPackage([first], { nuts3: 'CZ041', createdAt: AT, by: 'Jana', fileName: 'b.zip', sha256: 'cd'.repeat(32), selection: {}, localities });
    expect(second.number).toBe('KV-2026-B002');
    expect(mergePackageHistories([first], [{ ...first, sent: { at: AT, by: 'Jana' } }, second]).map((r) => [r.number, r.sent !== null])).toEqual([
      ['KV-2026-B001', true],
      ['KV-2026-B002', false],
    ]);
  });

  it('"Odeslat" marks the confirmed localities "Odesláno ČTÚ" with the package number in their audit trail, once', () => {
    const record = recordPackage([], { nuts3: 'CZ041', createdAt: AT, by: 'Jana', fileName: 'a.zip', sha256: '00', selection: {}, localities });
    const outcome = sendPackage(review, record, context);
    if ('code' in outcome) throw new Error(outcome.code);
    expect(outcome.sent).toEqual([ids[0], ids[1]]);
    expect(outcome.skipped).toEqual([{ id: ids[2], code: 'ctu.notConfirmed' }]);
    expect(outcome.review.reviews[ids[0]!]!.status).toBe('sentToCtu');
    expect(outcome.review.audit.map((e) => [e.action.type, e.details.reference, e.by])).toEqual([
      ['setStatus', 'KV-2026-B001', 'Jana Dvořáková'],
      ['setStatus', 'KV-2026-B001', 'Jana Dvořáková'],
    ]);
    expect(outcome.record.sent).toEqual({ at: context.at, by: 'Jana Dvořáková' });
    expect(sendPackage(outcome.review, outcome.record, context)).toEqual({ code: 'ctu.alreadySent' });
  });

  it('lists what changed since the previous package: new, changed (and what), withdrawn — and writes zmeny.csv', () => {
    const before = localities.slice(0, 2).map(packagedLocality);
    const later = [report(12.8703, 50.2301, '2026-11-01T08:00:00Z')];
    const all = [...reports, ...later];
    const nowClustering = clusterReports(all, { distanceM: 300 });
    const now = buildPackageLocalities(all, nowClustering, review, AT)
      .filter((l) => l.id !== ids[1])
      .map(packagedLocality);
    const rows = diffPackages(before, now);
    expect(rows.map((r) => [r.change, r.locality.number, r.fields])).toEqual([
      ['new', 'KV-2026-0003', []],
      ['changed', 'KV-2026-0001', ['reports', 'lastObservation', 'evidenceLevel']],
      ['withdrawn', 'KV-2026-0002', []],
    ]);
    const csv = Papa.parse<Record<string, string>>(buildChangesCsv(rows, 'KV-2026-B001', (k) => k).slice(1), {
      header: true,
      delimiter: ';',
      skipEmptyLines: true,
    }).data;
    expect(csv.map((r) => [r['Změna'], r['Číslo lokality'], r['Co se změnilo'], r['Počet hlášení dříve'], r['Počet hlášení nyní']])).toEqual([
      ['nová', 'KV-2026-0003', '', '', '1'],
      ['změněná', 'KV-2026-0001', 'hlášení, poslední pozorování, úroveň důkazů', '1', '2'],
      ['stažená', 'KV-2026-0002', '', '1', ''],
    ]);
    expect(diffPackages(before, before)).toEqual([]);
  });

  it("reads ČTÚ's answers from the filled template, keyed by number; the status follows; a second import adds nothing", () => {
    const template = buildAnswerTemplateCsv(localities, (k) => k);
    const rows = Papa.parse<string[]>(template.slice(1), { delimiter: ';', skipEmptyLines: true }).data;
    expect(rows[0]).toEqual(['Číslo lokality', 'Obec', 'Oblast', 'Popis lokality', 'Stav ČTÚ', 'Datum odpovědi', 'Č. j. ČTÚ', 'Poznámka ČTÚ']);
    // ČTÚ fills two rows in Excel, writes one wrong, and leaves one empty.
    rows[1]!.splice(4, 4, 'potvrzené bílé místo', '3. 12. 2026', 'ČTÚ-12345/2026', 'měřeno 2. 12.');
    rows[2]!.splice(4, 4, 'Vyřešeno', '2026-12-04', 'ČTÚ-12346/2026', '');
    rows.push(['KV-2026-0999', '', '', '', 'změřeno', '2026-12-05', '', '']);
    rows.push(['KV-2026-0003', '', '', '', 'asi', '2026-12-05', '', '']);
    rows.push(['KV-2026-0003', '', '', '', 'změřeno', '31. 2. 2026', '', '']);
    const filled = `\uFEFF${Papa.unparse(rows, { delimiter: ';' })}`;
    const file = parseAnswersCsv(filled);
    if (!file.ok) throw new Error(file.code);
    expect(file.skippedEmpty).toBe(1);
    const sent = sendPackage(
      review,
      recordPackage([], { nuts3: 'CZ041', createdAt: AT, by: 'Jana', fileName: 'a.zip', sha256: '00', selection: {}, localities }),
      context,
    );
    if ('code' in sent) throw new Error(sent.code);
    const imported = importAnswers(sent.review, file.rows, context);
    expect(imported.applied.map((a) => [a.number, a.answer.state, a.answer.date])).toEqual([
      ['KV-2026-0001', 'confirmedWhiteSpot', '2026-12-03'],
      ['KV-2026-0002', 'resolved', '2026-12-04'],
    ]);
    expect(imported.refused).toEqual([
      { line: 5, number: 'KV-2026-0999', code: 'ctu.unknownNumber' },
      { line: 6, number: 'KV-2026-0003', code: 'ctu.badState', value: 'asi' },
      { line: 7, number: 'KV-2026-0003', code: 'ctu.badDate', value: '31. 2. 2026' },
    ]);
    expect(imported.review.reviews[ids[0]!]).toMatchObject({ status: 'measuredByCtu', ctuAnswers: [{ reference: 'ČTÚ-12345/2026', note: 'měřeno 2. 12.' }] });
    expect(imported.review.reviews[ids[1]!]!.status).toBe('resolved');
    expect(imported.review.audit.at(-1)).toMatchObject({
      action: { type: 'ctuAnswer' },
      details: { from: 'sentToCtu', to: 'resolved', reference: 'ČTÚ-12346/2026' },
    });
    const again = importAnswers(imported.review, file.rows, context);
    expect(again.applied).toEqual([]);
    expect(again.alreadyKnown).toBe(2);
    expect(parseAnswersCsv('a;b\n1;2')).toEqual({ ok: false, code: 'ctu.notAnswerFile' });
  });
});
