import { describe, expect, it } from 'vitest';
import { parseDegrees, parseLatLonPair } from '../../../src/core/tableImport/parseCellCoordinates.ts';

function degrees(text: string, axis: 'lat' | 'lon'): number {
  const result = parseDegrees(text, axis);
  if (!result.ok) throw new Error(`not a coordinate: ${text}`);
  return result.degrees;
}

describe('parseDegrees', () => {
  it('reads decimal degrees with a comma or a point', () => {
    expect(degrees('50,2312', 'lat')).toBe(50.2312);
    expect(degrees('14.5123', 'lon')).toBe(14.5123);
    expect(degrees('-0,5', 'lon')).toBe(-0.5);
  });

  it('reads degrees-minutes-seconds with symbols, spaces and hemisphere letters', () => {
    const expected = 50 + 13 / 60 + 52.3 / 3600;
    expect(degrees('50°13\'52.3"N', 'lat')).toBeCloseTo(expected, 9);
    expect(degrees('50°13′52,3″ N', 'lat')).toBeCloseTo(expected, 9);
    expect(degrees('50 13 52,3', 'lat')).toBeCloseTo(expected, 9);
    expect(degrees("N 50° 13.872'", 'lat')).toBeCloseTo(50 + 13.872 / 60, 9);
    expect(degrees("14°30'E", 'lon')).toBeCloseTo(14.5, 9);
    expect(degrees("49°30'S", 'lat')).toBeCloseTo(-49.5, 9);
    expect(degrees('50,5 s. š.', 'lat')).toBe(50.5);
    expect(degrees('14,25 v. d.', 'lon')).toBe(14.25);
  });

  it('refuses malformed values and a hemisphere of the other axis', () => {
    for (const text of ['', 'abc', "50°61'", '50 13,5 20', '50°13\'72"', '95', '1 2 3 4']) expect(parseDegrees(text, 'lat').ok, text).toBe(false);
    expect(parseDegrees("14°30'E", 'lat').ok).toBe(false);
    expect(parseDegrees('50°N', 'lon').ok).toBe(false);
    expect(parseDegrees('190', 'lon').ok).toBe(false);
  });
});

describe('parseLatLonPair', () => {
  it('splits the usual ways of writing a pair', () => {
    expect(parseLatLonPair('50.2312, 14.5123')).toEqual({ ok: true, lat: 50.2312, lon: 14.5123 });
    expect(parseLatLonPair('50,2312; 14,5123')).toEqual({ ok: true, lat: 50.2312, lon: 14.5123 });
    expect(parseLatLonPair('50,2312, 14,5123')).toEqual({ ok: true, lat: 50.2312, lon: 14.5123 });
    expect(parseLatLonPair('50.2312,14.5123')).toEqual({ ok: true, lat: 50.2312, lon: 14.5123 });
    expect(parseLatLonPair('50.2312 14.5123')).toEqual({ ok: true, lat: 50.2312, lon: 14.5123 });
    const dms = parseLatLonPair("50°13'52\"N 14°30'E");
    expect(dms.ok && dms.lat).toBeCloseTo(50 + 13 / 60 + 52 / 3600, 9);
    expect(dms.ok && dms.lon).toBeCloseTo(14.5, 9);
    const prefixed = parseLatLonPair("N 50° 13.872', E 14° 30.1'");
    expect(prefixed.ok && prefixed.lon).toBeCloseTo(14 + 30.1 / 60, 9);
  });

  it('swaps a "lon, lat" pair that lies in Czechia only the other way round', () => {
    expect(parseLatLonPair('14.5123, 50.2312')).toEqual({ ok: true, lat: 50.2312, lon: 14.5123 });
    const lettered = parseLatLonPair("14°30'E, 50°N");
    expect(lettered).toEqual({ ok: true, lat: 50, lon: 14.5 });
    // Outside Czechia nothing is swapped.
    expect(parseLatLonPair('37.78, -122.41')).toEqual({ ok: true, lat: 37.78, lon: -122.41 });
  });

  it('refuses a cell that is not a pair', () => {
    for (const text of ['50.2312', 'Boží Dar', '50,2312,14,5123', '1;2;3', '']) expect(parseLatLonPair(text).ok, text).toBe(false);
  });
});
