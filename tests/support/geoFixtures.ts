/**
 * Fixture tests in Turf's style: each `tests/fixtures/<name>/in/*.geojson` is an input, the file of the same name
 * in `out/` the expected output, both GeoJSON a person can open in QGIS side by side. `REGEN=1 npx vitest run …`
 * writes the outputs anew (then review the diff before committing); otherwise they are compared.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';

export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');
const REGEN = process.env.REGEN === '1';

export interface FixtureCase<T> {
  name: string;
  input: T;
  out: string;
}

export function fixtureCases<T>(name: string): Array<FixtureCase<T>> {
  const dir = path.join(FIXTURES, name, 'in');
  return readdirSync(dir)
    .filter((file) => file.endsWith('.geojson'))
    .sort()
    .map((file) => ({
      name: file.replace(/\.geojson$/, ''),
      input: JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as T,
      out: path.join(FIXTURES, name, 'out', file),
    }));
}

/** Numbers to 1e-6 (µ° for positions, mm for lengths, 1e-6 for shares): no float noise between runs or machines. */
export function rounded<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v))) as T;
}

export function expectFixture(out: string, actual: unknown): void {
  const value = rounded(actual);
  if (REGEN || !existsSync(out)) {
    if (!REGEN) throw new Error(`${path.relative(FIXTURES, out)} is missing: run with REGEN=1 to write it`);
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(value, null, 1)}\n`);
    return;
  }
  expect(value).toEqual(JSON.parse(readFileSync(out, 'utf8')));
}
