/**
 * Property test of every importer (issue 18): from a valid seed file, seeded random truncations, byte flips,
 * inserted junk, UTF-16 / BOM re-encodings, NUL bytes, duplicated halves and pure junk; plus structural cases
 * (deep nesting, many repeats). The property: the reader returns a coded result — never throws, never hangs.
 * Time is bounded by work, not measured: every input is at most a few hundred KB and each test has its own
 * timeout (a hang fails it); no wall-clock assertion. The number of cases per importer is in each test's name.
 */
import { describe, expect, it } from 'vitest';
import { IMPORTERS, runImporter, seedOf, type Importer } from '../../support/hostileHarness.ts';
import { deepJson, junk, mutate, rng, utf8 } from '../../support/hostileFiles.ts';

/** Cases per importer: the slow ones (workbooks, ZIPs through the streaming readers) get fewer. */
const CASES: Record<Importer, number> = {
  obecFile: 400,
  tableCsv: 400,
  tableXlsx: 120,
  nettestCsv: 300,
  nettestZip: 200,
  zsjLayer: 400,
  gpx: 400,
  package: 150,
};

/** Inputs no mutation of the seed makes: nesting, sizes, repeats. */
function structuralCases(importer: Importer, seed: Uint8Array): Uint8Array[] {
  const text = new TextDecoder().decode(seed);
  return [
    new Uint8Array(0),
    utf8(' '),
    utf8(deepJson(10_000)),
    utf8(`{"type":"FeatureCollection","features":${deepJson(5_000)}}`),
    utf8(`<gpx>${'<trk>'.repeat(5_000)}`),
    utf8(text.repeat(20)),
    utf8(`${text}\n${','.repeat(100_000)}`),
    utf8('\uFEFF'),
    new Uint8Array([0xff, 0xfe]),
    new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Uint8Array(18)]),
    seed.subarray(0, Math.floor(seed.length / 2)),
    junk(rng(importer.length), 300_000),
  ];
}

describe('every importer returns a coded result for hostile input', () => {
  for (const importer of IMPORTERS) {
    const cases = CASES[importer];
    it(`${importer}: ${cases} seeded mutations and 12 structural cases, none throws`, { timeout: 60_000 }, async () => {
      const seed = await seedOf(importer);
      expect(await runImporter(importer, seed)).toEqual({ ok: true });
      const random = rng(18_000 + importer.length * 101);
      const kinds = new Map<string, number>();
      const codes = new Map<string, number>();
      const inputs = [...structuralCases(importer, seed).map((bytes) => ({ kind: 'structural', bytes }))];
      for (let i = 0; i < cases; i++) inputs.push(mutate(random, seed));
      for (const { kind, bytes } of inputs) {
        let outcome: Awaited<ReturnType<typeof runImporter>>;
        try {
          outcome = await runImporter(importer, bytes);
        } catch (error) {
          throw new Error(`${importer} threw on a ${kind} case (${bytes.length} bytes): ${String(error)}`);
        }
        expect(outcome.ok === true || (typeof outcome.code === 'string' && /^[a-z]+\.[a-zA-Z0-9]+$/.test(outcome.code))).toBe(true);
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
        const key = outcome.ok ? 'ok' : outcome.code;
        codes.set(key, (codes.get(key) ?? 0) + 1);
      }
      // Most mutations must be refused or read: the test saw both outcomes at least once (it exercised something).
      expect(codes.size).toBeGreaterThan(1);
      expect([...kinds.values()].reduce((a, b) => a + b, 0)).toBe(cases + 12);
    });
  }
});
