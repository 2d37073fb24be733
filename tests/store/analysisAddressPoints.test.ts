/**
 * "Who is affected": the analysis counts, per locality, the kraj pack's RÚIAN address points inside its areas or
 * within the set radius of its points and lines; says when the pack has none; gives no figure for a locality
 * outside the kraj.
 */
import { describe, expect, it } from 'vitest';
import { METRES_PER_DEGREE } from '../../src/core/geo/earth.ts';
import type { AddressPointsPack } from '../../src/core/packs/packFormat.ts';
import { derivePlace } from '../../src/core/reports/derivePlace.ts';
import type { Report } from '../../src/core/reports/report.ts';
import { createInProcessAnalysisClient } from '../../src/store/analysisClient.ts';
import { analyseReports } from '../../src/core/analysis/analyseReports.ts';
import { NO_FILTERS, type AnalysisRequest } from '../../src/worker/analysisProtocol.ts';
import { countryObecIndex } from '../support/packs.ts';
import { square, validReport } from './reportsStoreKit.ts';

const KV: [number, number] = [12.87, 50.23];

function placed(report: Report): Report {
  const place = derivePlace(countryObecIndex(), report.geometry);
  if (!place.ok) throw new Error('no place');
  return { ...report, place: place.place };
}

/** A point the given metres east and north of `at`. */
function offset(at: [number, number], east: number, north: number): [number, number] {
  return [at[0] + east / (METRES_PER_DEGREE * Math.cos((at[1] * Math.PI) / 180)), at[1] + north / METRES_PER_DEGREE];
}

function pack(points: Array<[number, number]>): AddressPointsPack {
  return {
    formatVersion: 1,
    describesDate: '2023-12-31',
    count: points.length,
    castiObce: [{ kod: '000001', nazev: 'Test', kodObce: '554961' }],
    lonE6: points.map((p) => Math.round(p[0] * 1e6)),
    latE6: points.map((p) => Math.round(p[1] * 1e6)),
    cast: points.map(() => 0),
    skippedWithoutCoordinates: 0,
  };
}

function request(reports: Report[], extra: Partial<AnalysisRequest> = {}): AnalysisRequest {
  return {
    packId: 'CZ',
    reports,
    pins: {},
    statuses: {},
    distanceM: 300,
    h3Resolution: 8,
    filters: NO_FILTERS,
    now: '2026-11-21T10:00:00.000Z',
    addressPointsPackId: 'CZ041',
    addressRadiusM: 100,
    ...extra,
  };
}

describe('address points affected by a locality', () => {
  // Near the point report: 3 within 100 m, 1 at 150 m, 1 at 250 m. Far away (3 km east): 4 inside a ~700 m square.
  const near = [offset(KV, 20, 0), offset(KV, 0, -60), offset(KV, 70, 50), offset(KV, 150, 0), offset(KV, 0, 250)];
  const areaCentre = offset(KV, 3000, 0);
  const inArea = [offset(areaCentre, 0, 0), offset(areaCentre, 200, 100), offset(areaCentre, -300, -300), offset(areaCentre, 100, -200)];
  const outsideArea = [offset(areaCentre, 500, 0)];
  const addressPoints = { packId: 'CZ041', pack: pack([...near, ...inArea, ...outsideArea]) };

  it('counts the address points within the radius of points and inside areas, each once', () => {
    const point = placed(validReport(KV));
    const samePlace = placed(validReport(offset(KV, 10, 10)));
    const area = placed({ ...validReport(areaCentre), geometry: square(areaCentre) });
    const result = analyseReports(countryObecIndex(), request([point, samePlace, area]), undefined, addressPoints);
    const byReport = (id: string) => result.localities.find((l) => l.reportIds.includes(id))!;
    expect(byReport(point.id).reportIds).toHaveLength(2);
    expect(byReport(point.id).addressPoints).toBe(3);
    expect(byReport(area.id).addressPoints).toBe(4);
    expect(result.addressPoints).toEqual({ packId: 'CZ041', count: 10, describesDate: '2023-12-31', radiusM: 100 });

    const wider = analyseReports(countryObecIndex(), request([point, samePlace, area], { addressRadiusM: 200 }), undefined, addressPoints);
    expect(wider.localities.find((l) => l.reportIds.includes(point.id))!.addressPoints).toBe(4);
  });

  it('says when the kraj pack has no address points, and gives no figure outside the kraj', () => {
    const point = placed(validReport(KV));
    const none = analyseReports(countryObecIndex(), request([point]), undefined, { packId: 'CZ041', pack: null });
    expect(none.addressPoints).toEqual({ packId: 'CZ041', none: true });
    expect(none.localities[0]!.addressPoints).toBeNull();

    const otherKraj = analyseReports(countryObecIndex(), request([point], { addressPointsPackId: 'CZ042' }), undefined, {
      packId: 'CZ042',
      pack: addressPoints.pack,
    });
    expect(otherKraj.localities[0]!.addressPoints).toBeNull();

    const notAsked = analyseReports(countryObecIndex(), request([point], { addressPointsPackId: null }));
    expect(notAsked.addressPoints).toBeNull();
  });

  it('the in-process client loads the address points of the requested pack', async () => {
    const client = createInProcessAnalysisClient(
      async () => countryObecIndex(),
      async (packId) => (packId === 'CZ041' ? addressPoints.pack : null),
    );
    const outcome = await client.analyse(request([placed(validReport(KV))]));
    expect(outcome.ok && outcome.result.localities[0]!.addressPoints).toBe(3);
  });
});
