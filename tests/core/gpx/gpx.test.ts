import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sniffFileKind } from '../../../src/core/files/sniffFile.ts';
import { parseGpx } from '../../../src/core/gpx/gpx.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/gpx/${name}`, import.meta.url), 'utf8');

describe('parseGpx', () => {
  it('reads a Garmin track with two segments (namespaces, extensions, ele, time) as two lines', () => {
    const result = parseGpx(fixture('garmin-two-segments.gpx'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.waypoints).toEqual([]);
    expect(result.lines.map((line) => [line.kind, line.name, line.coordinates.length, line.startedAt])).toEqual([
      ['track', 'Boží Dar – Ryžovna', 40, '2026-11-20T09:00:00.000Z'],
      ['track', 'Boží Dar – Ryžovna', 30, '2026-11-20T09:20:00.000Z'],
    ]);
    // [lon, lat] without the elevation
    expect(result.lines[0]!.coordinates[0]).toEqual([12.9245, 50.4098]);
  });

  it('reads an OsmAnd file: a route, a track and a waypoint, entities decoded', () => {
    const result = parseGpx(fixture('osmand-track-route-waypoint.gpx'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.lines.map((line) => [line.kind, line.name, line.coordinates.length])).toEqual(
      expect.arrayContaining([
        ['track', 'Jáchymov, údolí', 25],
        ['route', 'Plánovaná trasa', 6],
      ]),
    );
    expect(result.waypoints).toEqual([{ name: 'Tady nic & nikde', coordinates: [12.8801, 50.3712], time: '2026-11-21T10:10:00.000Z' }]);
  });

  it('reads a Strava file with a byte-order mark and a dense 1-second track', () => {
    const result = parseGpx(fixture('strava-dense-track.gpx'));
    expect(result.ok && result.lines.map((line) => [line.name, line.coordinates.length, line.startedAt])).toEqual([
      ['Ranní jízda', 300, '2026-11-22T07:30:12.000Z'],
    ]);
  });

  it('refuses what is not GPX with a code', () => {
    expect(parseGpx(fixture('broken-cut-off.gpx'))).toMatchObject({ ok: false, code: 'gpx.notXml' });
    expect(parseGpx(fixture('kml-not-gpx.gpx'))).toMatchObject({ ok: false, code: 'gpx.notGpx', params: { root: 'kml' } });
    expect(parseGpx(fixture('empty-gpx.gpx'))).toMatchObject({ ok: false, code: 'gpx.empty' });
    expect(parseGpx('lat,lon\n50,12\n')).toMatchObject({ ok: false, code: 'gpx.notXml' });
    expect(parseGpx('')).toMatchObject({ ok: false, code: 'gpx.notXml' });
  });

  it('the file router recognises every GPX fixture as gpx', () => {
    for (const name of ['garmin-two-segments.gpx', 'osmand-track-route-waypoint.gpx', 'strava-dense-track.gpx']) {
      expect(sniffFileKind(name, new TextEncoder().encode(fixture(name)).subarray(0, 4096))).toBe('gpx');
    }
  });
});
