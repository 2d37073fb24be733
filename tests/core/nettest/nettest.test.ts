import { readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { aggregateMeasurements } from '../../../src/core/nettest/aggregateMeasurements.ts';
import { NettestConsumer } from '../../../src/core/nettest/nettestConsumer.ts';
import { parseNumber, parseUtc } from '../../../src/core/nettest/ingestNettest.ts';
import { seededRandom } from '../../../src/core/random/seededRandom.ts';
import { MeasurementTable } from '../../../src/core/nettest/measurementTable.ts';
import { columnsFromTable, uuidAt, uuidsOf } from '../../../src/core/nettest/measurementColumns.ts';
import { downloadClass, operatorOf, rsrpClass, technologyOf } from '../../../src/core/nettest/nettestSchema.ts';
import { countryObecIndex, SHARED_GEODATA } from '../../support/packs.ts';

const HEADER =
  'open_uuid,open_test_uuid,time_utc,cat_technology,network_type,lat,long,loc_src,loc_accuracy,gkz,zip_code,country_location,download_kbit,upload_kbit,ping_ms,lte_rsrp,lte_rsrq,server_name,test_duration,num_threads,platform,model,client_version,network_mcc_mnc,network_name,sim_mcc_mnc,nat_type,asn,ip_anonym,ndt_download_kbit,ndt_upload_kbit,implausible,signal_strength,pinned';

function row(values: {
  uuid: string;
  type: string;
  lat: number | '';
  lon: number | '';
  down?: number;
  rsrp?: number | '';
  mccmnc?: string;
  implausible?: boolean;
  time?: string;
}): string {
  const cells = HEADER.split(',').map(() => '');
  const set = (name: string, value: string | number) => (cells[HEADER.split(',').indexOf(name)] = String(value));
  set('open_test_uuid', values.uuid);
  set('time_utc', values.time ?? '2026-10-01 12:00:00');
  set('network_type', values.type);
  set('lat', values.lat);
  set('long', values.lon);
  set('download_kbit', values.down ?? 20000);
  set('lte_rsrp', values.rsrp ?? '');
  set('network_mcc_mnc', values.mccmnc ?? '230-02');
  set('implausible', values.implausible ? 'true' : 'false');
  return cells.join(',');
}

function parse(text: string) {
  const index = countryObecIndex();
  const consumer = new NettestConsumer((lon, lat) => index.findContaining(lon, lat) >= 0);
  Papa.parse<string[]>(text, { header: false, skipEmptyLines: true, step: (result) => consumer.row(result.data) });
  return consumer.finish();
}

describe('NetTest open data', () => {
  it('maps network types, operators and NetTest classes', () => {
    expect(['GSM', 'EDGE', 'UMTS', 'HSPA+', 'LTE', 'LTE CA', 'NR', 'NR NSA', 'WLAN', 'LAN', ''].map(technologyOf)).toEqual([
      '2g',
      '2g',
      '3g',
      '3g',
      '4g',
      '4g',
      '5g',
      '5g',
      null,
      null,
      null,
    ]);
    expect([operatorOf('230-01'), operatorOf('23003'), operatorOf('232-01')]).toEqual(['tmobile', 'vodafone', null]);
    expect([-80, -90, -100, -115].map(rsrpClass)).toEqual([4, 3, 2, 1]);
    expect([150, 50, 12, 3].map(downloadClass)).toEqual([4, 3, 2, 1]);
  });

  it('reads NetTest times exactly as the plain pattern and roll-over check do, impossible dates refused', () => {
    const reference = (text: string): number => {
      const m = /^\s*(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(text);
      if (!m) return Number.NaN;
      const ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
      return new Date(ms).getUTCDate() === +m[3]! ? ms : Number.NaN;
    };
    const texts = [
      '2026-10-01 12:00:00',
      '2026-10-01T12:00:00',
      '2026-10-01 12:00:00.123',
      '  2026-10-01 12:00:00',
      '2026-02-28 23:59:59',
      '2026-02-29 00:00:00',
      '2024-02-29 00:00:00',
      '2026-02-30 10:00:00',
      '2026-04-31 10:00:00',
      '2026-12-31 23:59:59',
      '2026-13-05 10:00:00',
      '2026-00-05 10:00:00',
      '2026-10-00 10:00:00',
      '2026-10-05 24:00:00',
      '2026-10-05 12:60:00',
      '2026-10-05 12:00:60',
      '0099-10-05 12:00:00',
      '2026/10/05 12:00:00',
      '2026-1-05 12:00:00',
      '2026-10-05x12:00:00',
      '2026-10-05 12:00',
      '',
      '=NOW()',
      '20２6-10-05 12:00:00',
      '2026-10-05 1a:00:00',
      '2026-10-31 23:59:59',
    ];
    const random = seededRandom(5);
    const two = (n: number) => String(n).padStart(2, '0');
    for (let k = 0; k < 20_000; k++) {
      const year = String(Math.floor(random() * 10_000)).padStart(4, '0');
      texts.push(
        `${year}-${two(Math.floor(random() * 14))}-${two(Math.floor(random() * 33))}${random() < 0.5 ? ' ' : 'T'}${two(Math.floor(random() * 26))}:${two(Math.floor(random() * 61))}:${two(Math.floor(random() * 61))}`,
      );
    }
    for (const text of texts) expect(Object.is(parseUtc(text), reference(text)), text).toBe(true);
    expect(parseUtc('2026-10-01 12:00:00')).toBe(Date.UTC(2026, 9, 1, 12));
    expect(parseUtc('2026-02-30 10:00:00')).toBeNaN();
  });

  it('reads number cells exactly as `+text` does (decimal comma and blanks aside)', () => {
    const reference = (text: string): number => {
      if (text === '') return Number.NaN;
      const value = +text;
      if (value === value) return text.trim() === '' ? Number.NaN : value;
      return text.includes(',') ? +text.replace(',', '.') : Number.NaN;
    };
    const texts = [
      '0',
      '-0',
      '-0.0',
      '.5',
      '5.',
      '.',
      '-',
      '-.',
      '1e3',
      ' 7',
      '7 ',
      '  ',
      '+3',
      '12,5',
      '1.2.3',
      '0x10',
      'Infinity',
      '-Infinity',
      '123456789012345',
      '1234567890123456',
      '0.000000000000001',
      '-48.6000001',
      '99999999999999.9',
    ];
    const random = seededRandom(6);
    for (let k = 0; k < 50_000; k++) {
      const digits = Array.from({ length: 1 + Math.floor(random() * 17) }, () => Math.floor(random() * 10)).join('');
      const point = Math.floor(random() * (digits.length + 2)) - 1;
      const text = (random() < 0.3 ? '-' : '') + (point < 0 ? digits : `${digits.slice(0, point)}.${digits.slice(point)}`);
      texts.push(text, (random() * 1000 - 500).toFixed(Math.floor(random() * 8)));
    }
    for (const text of texts) expect(Object.is(parseNumber(text), reference(text)), text).toBe(true);
    expect(parseNumber(undefined)).toBeNaN();
  });

  it('keeps the open_test_uuids as UTF-8 bytes through growth, non-ASCII ones included', () => {
    const table = new MeasurementTable();
    const uuids = Array.from({ length: 5_000 }, (_, i) =>
      i % 997 === 0 ? `Ö-ř-€-😀-${i}` : i % 3 === 0 ? '' : `O${i.toString(16).padStart(8, '0')}-0000-4000-8000-${'0'.repeat(12 + (i % 40))}`,
    );
    for (const [i, uuid] of uuids.entries())
      table.add({
        uuid,
        lon: 14,
        lat: 50,
        time: i,
        accuracyM: 5,
        downloadKbit: 1,
        uploadKbit: 1,
        pingMs: 1,
        rsrpDbm: -90,
        signalDbm: Number.NaN,
        operator: 'o2',
        technology: '4g',
      });
    expect(table.uuid).toEqual(uuids);
    const columns = columnsFromTable(table);
    expect(uuidsOf(columns)).toEqual(uuids);
    expect(uuidAt(columns, 997)).toBe('Ö-ř-€-😀-997');
    expect(columns.uuidBytes.length).toBe(columns.uuidEnds[columns.count - 1]);
  });

  it('reports every row of the real open-rmbt export (none in Czechia) as outside or without a location', () => {
    const text = readFileSync(path.join(SHARED_GEODATA, '..', 'fixtures', 'nettest', 'netztest-opendata-2021-11.from_xlsx.csv'), 'utf8');
    const result = parse(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.summary).toMatchObject({ rows: 41, kept: 0 });
    expect(result.summary.skipped.outsideCzechia + result.summary.skipped.noLocation).toBe(41);
  });

  it('keeps Czech mobile rows, counts the others by reason, and summarises per hexagon, operator and technology', () => {
    const lines = [
      HEADER,
      row({ uuid: 'a1', type: 'LTE', lat: 50.4098, lon: 12.9245, down: 3000, rsrp: -115 }),
      row({ uuid: 'a2', type: 'LTE', lat: 50.4099, lon: 12.9246, down: 9000, rsrp: -100 }),
      row({ uuid: 'a3', type: 'LTE', lat: 50.4097, lon: 12.9244, down: 1000, rsrp: -120 }),
      row({ uuid: 'a4', type: 'NR NSA', lat: 50.4098, lon: 12.9245, down: 6000, mccmnc: '230-01' }),
      row({ uuid: 'b1', type: 'WLAN', lat: 50.4, lon: 12.9 }),
      row({ uuid: 'b2', type: 'LTE', lat: 48.2, lon: 16.37 }),
      row({ uuid: 'b3', type: 'LTE', lat: '', lon: '' }),
      row({ uuid: 'b4', type: 'LTE', lat: 50.4, lon: 12.9, implausible: true }),
    ];
    const result = parse(lines.join('\r\n'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.summary).toEqual({ rows: 8, kept: 4, skipped: { noLocation: 1, outsideCzechia: 1, implausible: 1, notMobile: 1, invalid: 0 } });
    const cells = aggregateMeasurements(result.ingest.table);
    const cell = latLngToCell(50.4098, 12.9245, 8);
    expect(cells).toEqual([
      { cell, operator: 'o2', technology: '4g', count: 3, medianDownloadMbps: 3, medianRsrpDbm: -115, failures: 2 },
      { cell, operator: 'tmobile', technology: '5g', count: 1, medianDownloadMbps: 6, medianRsrpDbm: null, failures: 1 },
    ]);
    expect(result.ingest.table.uuid).toEqual(['a1', 'a2', 'a3', 'a4']);
  });

  it('detects a semicolon or tab delimiter', () => {
    for (const delimiter of [';', '\t']) {
      const text =
        ['open_test_uuid', 'time_utc', 'network_type', 'lat', 'long'].join(delimiter) +
        '\r\n' +
        ['u1', '2026-10-01 10:00:00', 'LTE', '50.4098', '12.9245'].join(delimiter) +
        '\r\n';
      expect(parse(text)).toMatchObject({ ok: true, summary: { kept: 1 } });
    }
  });

  it('tolerates missing and extra columns, in any order', () => {
    const text = 'extra,long,lat,network_type,open_test_uuid,time_utc,temperature\r\nx,12.9245,50.4098,LTE,u1,2026-10-01 10:00:00,21\r\n';
    const result = parse(text);
    expect(result.ok && result.summary.kept).toBe(1);
  });

  describe('broken files', () => {
    it.each([
      ['an empty file', '', 'nettest.empty'],
      ['only blank lines', '\r\n\r\n', 'nettest.empty'],
      ['a file with an unknown delimiter', 'open_test_uuid:network_type:lat:long\r\nu:LTE:50:13\r\n', 'nettest.missingColumns'],
      ['a file of another kind', 'Kód ADM;Kód obce\r\n1;2\r\n', 'nettest.missingColumns'],
      ['one huge line', 'x'.repeat(5_000_000), 'nettest.missingColumns'],
    ])('%s gives a coded result', (_name, text, code) => {
      expect(parse(text)).toMatchObject({ ok: false, code });
    });

    it('a truncated last row and formula cells are counted, not trusted', () => {
      const text = [
        HEADER,
        row({ uuid: 'ok', type: 'LTE', lat: 50.4098, lon: 12.9245 }),
        row({ uuid: '=cmd|calc', type: 'LTE', lat: 50.4098, lon: 12.9245, time: '=NOW()' }),
        row({ uuid: 'cut', type: 'LTE', lat: 50.4098, lon: 12.9245 }).split(',').slice(0, 5).join(','),
      ].join('\r\n');
      const result = parse(text);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.summary.kept).toBe(1);
      expect(result.summary.rows).toBe(3);
      expect(result.summary.skipped.invalid + result.summary.skipped.noLocation).toBe(2);
    });
  });
});
