import { readFileSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sniffFileKind, SNIFF_BYTES } from '../../../src/core/files/sniffFile.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const FIXTURES = new URL('../../../../shared/fixtures/nettest/', import.meta.url);

describe('sniffFileKind', () => {
  it('tells JSON, GPX, NetTest CSV and other tables apart by content, not by name', () => {
    expect(sniffFileKind('hlaseni.json', bytes('  {"type":"FeatureCollection"}'))).toBe('json');
    expect(sniffFileKind('trasa.gpx', bytes('<?xml version="1.0"?>\n<gpx version="1.1" creator="x">'))).toBe('gpx');
    expect(sniffFileKind('mereni.csv', bytes('"open_test_uuid","time_utc","lat"\n"Oabc",1,2'))).toBe('nettestCsv');
    expect(sniffFileKind('data.txt', bytes('open_test_uuid;cat_technology;lat;long\r\n'))).toBe('nettestCsv');
    expect(sniffFileKind('mista.csv', bytes('Obec;Popis;Souřadnice Y;Souřadnice X\r\n'))).toBe('table');
    // A column that merely contains the words is not the NetTest header.
    expect(sniffFileKind('x.csv', bytes('poznamka_open_test_uuid_stara;b\n'))).toBe('table');
    expect(sniffFileKind('stranka.html', bytes('<!doctype html><html>'))).toBe('unknown');
  });

  it('a UTF-8 BOM and leading blank lines do not hide the content', () => {
    expect(sniffFileKind('a.csv', new Uint8Array([0xef, 0xbb, 0xbf, ...bytes('\r\nopen_test_uuid,lat\n')]))).toBe('nettestCsv');
    expect(sniffFileKind('a.json', new Uint8Array([0xef, 0xbb, 0xbf, ...bytes('{}')]))).toBe('json');
  });

  it('ZIP archives: a workbook by its extension, anything else as a ZIP; OLE is the old Excel format', () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]);
    expect(sniffFileKind('seznam.xlsx', zip)).toBe('spreadsheet');
    expect(sniffFileKind('netztest-2021-11.zip', zip)).toBe('zip');
    expect(sniffFileKind('stary.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]))).toBe('spreadsheet');
  });

  it('an empty or whitespace-only file is empty', () => {
    expect(sniffFileKind('a.csv', new Uint8Array())).toBe('empty');
    expect(sniffFileKind('a.csv', bytes(' \r\n\t'))).toBe('empty');
  });

  it.skipIf(!existsSync(FIXTURES))('the real NetTest fixtures (CSV and XLSX) from ../shared', () => {
    const csv = readFileSync(new URL('netztest-opendata-2021-11.from_xlsx.csv', FIXTURES)).subarray(0, SNIFF_BYTES);
    expect(sniffFileKind('netztest-opendata-2021-11.from_xlsx.csv', csv)).toBe('nettestCsv');
    const xlsx = readFileSync(new URL('netztest-opendata-2021-11.xlsx', FIXTURES)).subarray(0, SNIFF_BYTES);
    expect(sniffFileKind('netztest-opendata-2021-11.xlsx', xlsx)).toBe('spreadsheet');
  });
});
