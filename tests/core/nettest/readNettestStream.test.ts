import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { uuidsOf } from '../../../src/core/nettest/measurementColumns.ts';
import { chunksOf, endsWithLineEnd, readNettestStream } from '../../../src/core/nettest/readNettestStream.ts';
import { countryObecIndex, SHARED_GEODATA } from '../../support/packs.ts';
import { generateNettestRows, nettestCsv } from '../../support/nettestGenerator.ts';

const BOZI_DAR: [number, number] = [12.9245, 50.4098];
const FIXTURE = path.join(SHARED_GEODATA, '..', 'fixtures', 'nettest', 'netztest-opendata-2021-11.from_xlsx.csv');

function read(bytes: Uint8Array, isZip: boolean, fileName = 'nettest.csv', chunk = 4096) {
  const index = countryObecIndex();
  const progress: number[] = [];
  const result = readNettestStream(chunksOf(bytes, chunk), isZip, {
    fileName,
    isInsideCzechia: (lon, lat) => index.findContaining(lon, lat) >= 0,
    onProgress: (bytes) => progress.push(bytes),
  });
  return result.then((r) => ({ result: r, progress }));
}

describe('readNettestStream', () => {
  const rows = generateNettestRows({ seed: 3, around: [BOZI_DAR], perPoint: 60, withSkipped: true });
  const csv = strToU8(nettestCsv(rows));

  it('tells a chunk ending in a line end (white space after it allowed) as the pattern /[\\r\\n]\\s*$/ does', () => {
    const texts = ['', 'a', 'a\n', 'a\r', 'a\r\n', 'a\n  \t', 'a\n\u00a0\u3000\ufeff', 'a\nb', 'a \t', '\n', '  ', 'a\n\u200b', 'x\r\n\r\n ', 'a\u2028'];
    for (const text of texts) expect(endsWithLineEnd(text), JSON.stringify(text)).toBe(/[\r\n]\s*$/.test(text));
  });

  it('streams a CSV in small chunks: every row counted, the Czech mobile ones kept, progress in bytes', async () => {
    const { result, progress } = await read(csv, false, 'nettest.csv', 1000);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.summary).toMatchObject({
      rows: 64,
      kept: 60,
      skipped: { noLocation: 1, outsideCzechia: 1, implausible: 1, notMobile: 1, invalid: 0 },
      truncated: false,
      encoding: 'utf-8',
      duplicates: 0,
    });
    expect(uuidsOf(result.columns)).toEqual(rows.slice(0, 60).map((r) => r.uuid));
    expect(progress.at(-1)).toBe(csv.length);
    expect(progress.length).toBeGreaterThan(10);
  });

  it('reads the CSVs of a ZIP, unzipping as it streams, and drops repeated open_test_uuids', async () => {
    const second = generateNettestRows({ seed: 4, around: [BOZI_DAR], perPoint: 10, prefix: 'Q' });
    const zip = zipSync({
      'data/nettest-2026-10.csv': csv,
      'nettest-2026-11.csv': strToU8(nettestCsv([...second, rows[0]!])),
      'readme.pdf': new Uint8Array([1, 2, 3]),
    });
    const { result } = await read(zip, true, 'nettest.zip', 777);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.summary.files).toEqual(['data/nettest-2026-10.csv', 'nettest-2026-11.csv']);
    expect(result.summary).toMatchObject({ rows: 75, kept: 70, duplicates: 1 });
  });

  it('names missing and unknown columns and reads a windows-1250 file', async () => {
    const text = 'open_test_uuid;time_utc;network_type;lat;long;poznámka\r\nu1;2026-10-01 10:00:00;LTE;50.4098;12.9245;Boží Dar\r\n';
    const bytes = new Uint8Array([...text].map((c) => ({ á: 0xe1, ž: 0x9e, í: 0xed })[c] ?? c.charCodeAt(0)));
    const { result } = await read(bytes, false);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.summary.encoding).toBe('windows-1250');
    expect(result.summary.extraColumns).toEqual(['poznámka']);
    expect(result.summary.missingColumns).toEqual([
      'loc_accuracy',
      'download_kbit',
      'upload_kbit',
      'ping_ms',
      'lte_rsrp',
      'signal_strength',
      'network_mcc_mnc',
      'sim_mcc_mnc',
      'implausible',
    ]);
  });

  it('says when a CSV stops in the middle of a row', async () => {
    const cut = csv.subarray(0, csv.length - 200);
    const { result } = await read(cut, false);
    expect(result.ok && result.summary.truncated).toBe(true);
  });

  it.each([
    ['an empty file', new Uint8Array(0), false, 'nettest.empty'],
    ['a CSV of another kind', strToU8('Kód obce;Název\r\n1;Aš\r\n'), false, 'nettest.missingColumns'],
    ['a ZIP without a NetTest CSV', zipSync({ 'seznam.csv': strToU8('Kód obce;Název\r\n1;Aš\r\n') }), true, 'nettest.zipWithoutNettest'],
    ['an empty ZIP', zipSync({}), true, 'nettest.zipWithoutNettest'],
    ['a broken ZIP', new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new Array(200).fill(7)]), true, 'nettest.zipBroken'],
  ])('%s gives a coded result', async (_name, bytes, isZip, code) => {
    const { result } = await read(bytes, isZip);
    expect(result).toMatchObject({ ok: false, code });
  });

  it('a ZIP cut short is refused as truncated', async () => {
    const zip = zipSync({ 'nettest.csv': csv }, { level: 0 });
    const { result } = await read(zip.subarray(0, Math.floor(zip.length / 2)), true);
    expect(result).toMatchObject({ ok: false, code: 'nettest.zipTruncated' });
  });

  it.skipIf(!existsSync(FIXTURE))('counts all 41 rows of the real open-rmbt export as outside Czechia or without a location', async () => {
    const { result } = await read(new Uint8Array(readFileSync(FIXTURE)), false, 'netztest.csv');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.summary).toMatchObject({ rows: 41, kept: 0 });
    expect(result.summary.skipped.outsideCzechia + result.summary.skipped.noLocation).toBe(41);
    expect(result.summary.missingColumns).toEqual([]);
    expect(result.columns.count).toBe(0);
  });
});
