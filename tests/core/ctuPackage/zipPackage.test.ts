import { deflateSync, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildZip, PACKAGE_DEFLATE_LEVEL, PackageZipWriter, sha256Hex, verifyPackage } from '../../../src/core/ctuPackage/zipPackage.ts';
import { seededRandom } from '../../../src/core/random/seededRandom.ts';

const encode = (text: string) => new TextEncoder().encode(text);
const files = [
  { name: 'lokality.csv', bytes: encode('\uFEFFa;b\r\n1;2\r\n') },
  { name: 'README.txt', bytes: encode('Balíček pro ČTÚ') },
];

describe('buildZip and verifyPackage', () => {
  it('compresses large files in workers to exactly the DEFLATE streams of deflateSync, and unzips to the same bytes', async () => {
    const random = seededRandom(7);
    const words = ['hlášení', 'lokalita', 'Karlovy Vary', '50.2312', ';', '\r\n', 'O2', 'T-Mobile'];
    const large = Array.from({ length: 4 }, (_, f) => ({
      name: `soubor-${f}.csv`,
      bytes: encode(Array.from({ length: 40_000 * (f + 1) }, () => words[Math.floor(random() * words.length)]).join(' ')),
    }));
    expect(large.every((file) => file.bytes.length > 200_000)).toBe(true);
    const zip = Buffer.from(await buildZip([...large, ...files], {}, '2026-11-25T10:00:00Z'));
    const entries = unzipSync(zip);
    for (const file of [...large, ...files]) {
      expect(Buffer.from(entries[file.name]!).equals(Buffer.from(file.bytes))).toBe(true);
      expect(zip.indexOf(Buffer.from(deflateSync(file.bytes, { level: PACKAGE_DEFLATE_LEVEL })))).toBeGreaterThan(0);
    }
  });

  it('gives the same bytes whatever the order and timing in which the files were added', async () => {
    const big = { name: 'hlaseni.geojson', bytes: encode('{"type":"Feature"} '.repeat(20_000)) };
    const first = new PackageZipWriter('2026-11-25T10:00:00Z');
    for (const file of [big, ...files]) first.add(file);
    const second = new PackageZipWriter('2026-11-25T10:00:00Z');
    for (const file of [...files].reverse()) second.add(file);
    await new Promise((resolve) => setTimeout(resolve, 20));
    second.add(big);
    const [a, b] = [await first.finish({ kraj: 'CZ041' }), await second.finish({ kraj: 'CZ041' })];
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Object.keys(unzipSync(a))).toEqual(['README.txt', 'hlaseni.geojson', 'lokality.csv', 'manifest.json']);
    expect(() => second.add(files[0]!)).toThrow(/Duplicate/);
  });

  it('is byte-identical for the same files and generated-at, whatever their order', async () => {
    const a = await buildZip(files, { kraj: 'CZ041' }, '2026-11-25T10:00:00Z');
    const b = await buildZip([...files].reverse(), { kraj: 'CZ041' }, '2026-11-25T10:00:00Z');
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const c = await buildZip(files, { kraj: 'CZ041' }, '2026-11-26T10:00:00Z');
    expect(Buffer.from(a).equals(Buffer.from(c))).toBe(false);
  });

  it('does not depend on the machine’s time zone', async () => {
    const zone = process.env.TZ;
    try {
      process.env.TZ = 'Europe/Prague';
      const prague = await buildZip(files, {}, '2026-11-25T10:00:00Z');
      process.env.TZ = 'America/New_York';
      const newYork = await buildZip(files, {}, '2026-11-25T10:00:00Z');
      expect(Buffer.from(prague).equals(Buffer.from(newYork))).toBe(true);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('lists every file with its SHA-256 in manifest.json', async () => {
    const zip = unzipSync(await buildZip(files, { kraj: 'CZ041' }, '2026-11-25T10:00:00Z'));
    const manifest = JSON.parse(new TextDecoder().decode(zip['manifest.json']!));
    expect(manifest.kraj).toBe('CZ041');
    expect(manifest.files['lokality.csv'].sha256).toBe(await sha256Hex(files[0]!.bytes));
    expect(Object.keys(zip).sort()).toEqual(['README.txt', 'lokality.csv', 'manifest.json']);
  });

  it('detects a tampered, missing or smuggled-in file', async () => {
    const original = unzipSync(await buildZip(files, {}, '2026-11-25T10:00:00Z'));
    expect(await verifyPackage(zipSync(original))).toMatchObject({ ok: true });
    const tampered = { ...original, 'lokality.csv': encode('\uFEFFa;b\r\n1;3\r\n') };
    expect(await verifyPackage(zipSync(tampered))).toMatchObject({ ok: false, changed: ['lokality.csv'] });
    const { 'README.txt': _removed, ...withoutReadme } = original;
    expect(await verifyPackage(zipSync(withoutReadme))).toMatchObject({ ok: false, missing: ['README.txt'] });
    expect(await verifyPackage(zipSync({ ...original, 'extra.exe': encode('x') }))).toMatchObject({ ok: false, unlisted: ['extra.exe'] });
    expect(await verifyPackage(encode('not a zip'))).toMatchObject({ ok: false, code: 'package.notZip' });
  });
});
