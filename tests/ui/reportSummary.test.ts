import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createEmptyReport } from '../../src/core/reports/createReport.ts';
import type { Report } from '../../src/core/reports/report.ts';
import { filterReports, reportDate, sortReports } from '../../src/ui/reports/reportSummary.ts';

function report(changes: Partial<Report> & { obec?: string }): Report {
  const base = createEmptyReport({ type: 'Point', coordinates: [12.87, 50.23] }, { id: randomUUID(), now: '2025-06-01T08:00:00.000Z' });
  const { obec, ...rest } = changes;
  return {
    ...base,
    place: obec
      ? {
          obec: { kod: '554961', nazev: obec },
          orp: { kod: '4103', kodRuian: '531', nazev: 'Karlovy Vary' },
          okres: { kod: '40428', lau1: 'CZ0412', nazev: 'Karlovy Vary' },
          kraj: { nuts3: 'CZ041', kod: '3051', nazev: 'Karlovarský kraj' },
          wgs84: { lon: 12.87, lat: 50.23 },
          sjtsk: { x: -850000, y: -1012000 },
          alsoIn: [],
        }
      : null,
    ...rest,
  };
}

describe('reportDate', () => {
  it('is the latest observation, else the creation date', () => {
    expect(reportDate(report({}))).toBe('2025-06-01');
    const observed = report({
      observations: [
        { date: '2025-03-01', time: null, note: '' },
        { date: '2025-05-20', time: '18:00', note: '' },
      ],
    });
    expect(reportDate(observed)).toBe('2025-05-20');
  });
});

describe('filterReports', () => {
  const reports = Object.freeze([
    report({ obec: 'Boží Dar', description: 'Silnice na Klínovec', failures: ['noSignal'], operators: ['o2'] }),
    report({ obec: 'Karlovy Vary', description: 'Hasičská zbrojnice', failures: ['slowData'], operators: ['all'] }),
    report({ obec: 'Ostrov', description: 'Sídliště', failures: ['callsDrop'], operators: ['tmobile'] }),
  ]);

  it('finds text without diacritics in the description and the obec', () => {
    expect(filterReports(reports, { text: 'bozi', failure: null, operator: null }).map((r) => r.place?.obec.nazev)).toEqual(['Boží Dar']);
    expect(filterReports(reports, { text: 'HASICSKA', failure: null, operator: null })).toHaveLength(1);
  });

  it('filters by failure, and by operator where "all operators" matches every operator', () => {
    expect(filterReports(reports, { text: '', failure: 'callsDrop', operator: null }).map((r) => r.place?.obec.nazev)).toEqual(['Ostrov']);
    expect(filterReports(reports, { text: '', failure: null, operator: 'o2' }).map((r) => r.place?.obec.nazev)).toEqual(['Boží Dar', 'Karlovy Vary']);
  });
});

describe('sortReports', () => {
  const reports = Object.freeze([
    report({ obec: 'Ostrov', failures: ['slowData'], observations: [{ date: '2025-01-10', time: null, note: '' }] }),
    report({ obec: 'Čichalov', failures: ['noSignal'], observations: [{ date: '2025-04-10', time: null, note: '' }] }),
    report({ obec: 'Abertamy', failures: [], observations: [{ date: '2024-12-24', time: null, note: '' }] }),
    report({ failures: ['callsFail'] }),
  ]);

  it('sorts obce in Czech order (Č after C), reports without a place last', () => {
    expect(sortReports(reports, 'obec', 'ascending').map((r) => r.place?.obec.nazev ?? null)).toEqual(['Abertamy', 'Čichalov', 'Ostrov', null]);
  });

  it('sorts by the most severe failure, reports without one last', () => {
    expect(sortReports(reports, 'failure', 'ascending').map((r) => r.failures[0] ?? null)).toEqual(['noSignal', 'callsFail', 'slowData', null]);
  });

  it('sorts by date, newest first when descending', () => {
    expect(sortReports(reports, 'date', 'descending').map(reportDate)).toEqual(['2025-06-01', '2025-04-10', '2025-01-10', '2024-12-24']);
  });
});
