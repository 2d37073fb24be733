/**
 * Obec files for the review tests, made in Node with the app's own core: reports on both sides of the border of
 * Karlovy Vary and a neighbouring obec (one locality across the border), a pair inside Karlovy Vary, a lone report
 * in the neighbour, one in Ostrov, and a feature outside Czechia (rejected with its reason).
 */
import { randomUUID } from 'node:crypto';
import { ObecIndex } from '../../src/core/lookup/obecIndex.ts';
import { exportObecFile } from '../../src/core/obecFile/exportObecFile.ts';
import { createEmptyReport } from '../../src/core/reports/createReport.ts';
import { derivePlace } from '../../src/core/reports/derivePlace.ts';
import type { Report } from '../../src/core/reports/report.ts';
import { readObce } from '../../src/cli/packsOnDisk.ts';

export const KARLOVY_VARY_KOD = '554961';

export interface ReviewFixture {
  files: Array<{ name: string; text: string }>;
  neighbour: { kod: string; nazev: string };
  /** Where the cross-border pair lies. */
  border: [number, number];
}

function report(index: ObecIndex, at: [number, number], description: string, createdAt: string, reporter: string): Report {
  const geometry = { type: 'Point' as const, coordinates: at };
  const place = derivePlace(index, geometry);
  if (!place.ok) throw new Error(`no place for ${at.join(',')}`);
  return {
    ...createEmptyReport(geometry, { id: randomUUID(), now: createdAt }),
    place: place.place,
    description,
    failures: ['noSignal', 'callsFail'],
    operators: ['o2', 'vodafone'],
    affected: { inhabitants: 40, households: 15 },
    reporter: { name: reporter, role: 'starosta', contact: `${reporter.split(' ')[0]!.toLowerCase()}@example.cz` },
  };
}

/** A point of Karlovy Vary and one of a neighbour, ~60–120 m apart across their border. */
function borderPair(index: ObecIndex): { inside: [number, number]; across: [number, number]; neighbour: number } {
  const kv = index.indexOfKod(KARLOVY_VARY_KOD)!;
  const geometry = index.geometries[kv]!;
  const ring = geometry.type === 'Polygon' ? geometry.coordinates[0]! : geometry.coordinates[0]![0]!;
  const d = 0.0004; // ~30–45 m
  for (let i = 0; i < ring.length; i += 7) {
    const [lon, lat] = ring[i] as [number, number];
    const around: Array<[number, number]> = [
      [lon + d, lat],
      [lon - d, lat],
      [lon, lat + d],
      [lon, lat - d],
      [lon + d, lat + d],
      [lon - d, lat - d],
      [lon + d, lat - d],
      [lon - d, lat + d],
    ];
    const inside = around.find((p) => index.findContaining(p[0], p[1]) === kv);
    const across = around.find((p) => {
      const j = index.findContaining(p[0], p[1]);
      return j >= 0 && j !== kv && index.obce[j]!.krajNuts3 === 'CZ041';
    });
    if (inside && across) return { inside, across, neighbour: index.findContaining(across[0], across[1]) };
  }
  throw new Error('no border point of Karlovy Vary found');
}

export function reviewFixture(): ReviewFixture {
  const index = ObecIndex.fromCollection(readObce('CZ041'), { coverage: 'pack' });
  const { inside, across, neighbour } = borderPair(index);
  const neighbourObec = index.obce[neighbour]!;
  const kvCentre: [number, number] = [12.87, 50.23];
  const farInNeighbour = (() => {
    // A point of the neighbour at least 2 km from the border pair.
    const g = index.geometries[neighbour]!;
    const ring = g.type === 'Polygon' ? g.coordinates[0]! : g.coordinates[0]![0]!;
    const cx = ring.reduce((s, p) => s + p[0]!, 0) / ring.length;
    const cy = ring.reduce((s, p) => s + p[1]!, 0) / ring.length;
    for (let k = 0; k <= 20; k++) {
      const p: [number, number] = [cx + (across[0] - cx) * (k / 40), cy + (across[1] - cy) * (k / 40)];
      if (index.findContaining(p[0], p[1]) === neighbour && Math.hypot((p[0] - across[0]) * 71_000, (p[1] - across[1]) * 111_000) > 1500) return p;
    }
    throw new Error('no interior point of the neighbour');
  })();
  const kvReports = [
    report(index, inside, 'Na hranici obce u lesa, nelze volat', '2026-10-01T08:00:00.000Z', 'Petr Svoboda'),
    report(index, kvCentre, 'U školy, uvnitř žádný signál', '2026-10-02T09:00:00.000Z', 'Petr Svoboda'),
    report(index, [kvCentre[0] + 0.0012, kvCentre[1]], 'U školy, na hřišti', '2026-10-02T17:30:00.000Z', 'Eva Malá'),
  ];
  const neighbourReports = [
    report(index, across, 'Za humny u lesa, hovory padají', '2026-10-03T08:00:00.000Z', 'Jan Dvořák'),
    report(index, farInNeighbour, 'Náves, slabý signál', '2026-10-04T08:00:00.000Z', 'Jan Dvořák'),
  ];
  const ostrov = [report(index, [13.0, 50.3], 'Ostrov, sídliště', '2026-10-05T08:00:00.000Z', 'Alena Nová')];
  const file = (reports: Report[], obec: { kod: string; nazev: string } | null) =>
    exportObecFile(reports, { obec, signOff: null, exportedAt: '2026-11-20T09:00:00.000Z', appVersion: 'test' });
  // The Ostrov file also carries a feature in Poland: it is rejected, the valid one comes through.
  const ostrovFile = JSON.parse(file(ostrov, null)) as { features: Array<{ id: string; geometry: { coordinates: number[] }; properties: { id: string } }> };
  const stray = structuredClone(ostrovFile.features[0]!);
  stray.id = stray.properties.id = randomUUID();
  stray.geometry.coordinates = [16.9, 52.4];
  ostrovFile.features.push(stray);
  return {
    files: [
      { name: 'obec-554961.geojson', text: file(kvReports, { kod: KARLOVY_VARY_KOD, nazev: 'Karlovy Vary' }) },
      { name: `obec-${neighbourObec.kod}.geojson`, text: file(neighbourReports, { kod: neighbourObec.kod, nazev: neighbourObec.nazev }) },
      { name: 'ostrov.geojson', text: JSON.stringify(ostrovFile) },
    ],
    neighbour: { kod: neighbourObec.kod, nazev: neighbourObec.nazev },
    border: inside,
  };
}
