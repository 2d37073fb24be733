/**
 * The published JSON Schema and the app's validator judge the same generated cases alike (issue 16, defect 10):
 * from one full valid report, every field at every level is left out, and replaced by values of every JSON type;
 * a tool that checks a file with the schema must get the verdict the app gives on import.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parseObecFile } from '../../../src/core/obecFile/parseObecFile.ts';

const schema = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../public/schema/obec-file.schema.json'), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
const validateBySchema = ajv.compile(schema);

const FULL = {
  schemaVersion: 3,
  id: '0b6e7c1a-2f3d-4e5a-9b8c-7d6e5f4a3b2c',
  revision: 3,
  createdAt: '2026-10-01T07:30:00.000Z',
  updatedAt: '2026-10-05T12:00:00.000Z',
  demo: false,
  place: null,
  castObce: { kod: null, nazev: 'Boží Dar' },
  zsj: null,
  description: 'Hasičská zbrojnice: uvnitř budovy nelze volat',
  domain: 'mobile',
  failures: ['callsFail', 'noData'],
  operators: ['o2', 'vodafone'],
  technologies: ['2g'],
  environments: ['indoors'],
  persistence: 'always',
  observations: [{ date: '2026-09-28', time: '18:20', note: 'při výjezdu' }],
  affected: { inhabitants: 12, households: 4 },
  measurements: [
    {
      takenAt: '2026-09-28T18:25:00Z',
      operator: 'o2',
      technology: '4g',
      rsrpDbm: -118,
      downloadMbps: 0.8,
      uploadMbps: 0.2,
      openTestUuid: 'O1234567-89ab-cdef-0123-456789abcdef',
    },
  ],
  photo: null,
  capture: { method: 'gps', capturedAt: '2026-09-28T18:20:00Z', accuracyM: 12 },
  reporter: { name: 'Jan Novák', role: 'starosta', contact: 'starosta@bozidar.example' },
};

const REPLACEMENTS: unknown[] = [null, 0, -1, 1.5, '', 'x', [], {}, true];

type Json = Record<string, unknown> | unknown[];

/** Every path to a value inside the report, with objects and the first item of arrays descended into. */
function paths(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (Array.isArray(value)) return value.length > 0 ? [...paths(value[0], [...prefix, 0])] : [];
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, inner]) => [[...prefix, key], ...paths(inner, [...prefix, key])]);
  return [];
}

function changed(at: Array<string | number>, replacement: unknown | typeof REMOVE): Record<string, unknown> {
  const copy = structuredClone(FULL) as Record<string, unknown>;
  let node: Json = copy;
  for (const key of at.slice(0, -1)) node = (node as Record<string | number, unknown>)[key] as Json;
  const last = at.at(-1)!;
  if (replacement === REMOVE) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last as string];
  } else (node as Record<string | number, unknown>)[last] = replacement;
  return copy;
}
const REMOVE = Symbol('remove');

function verdicts(properties: Record<string, unknown>) {
  const file = {
    type: 'FeatureCollection',
    hluchaMista: { format: 'hlucha-mista/obec-file', schemaVersion: 3, exportedAt: '2026-11-20T09:00:00Z', obec: null, signOff: null },
    features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [12.9245, 50.4098] }, properties }],
  };
  const bySchema = validateBySchema(file) === true;
  const parsed = parseObecFile(JSON.stringify(file));
  const byApp = parsed.ok && parsed.rejected.length === 0 && parsed.reports.length === 1;
  return {
    bySchema,
    byApp,
    schemaErrors: validateBySchema.errors?.map((e) => `${e.instancePath} ${e.message}`) ?? [],
    appProblems: parsed.ok ? parsed.rejected.flatMap((r) => r.problems.map((p) => `${p.path} ${p.code}`)) : [parsed.fileProblem.code],
  };
}

describe('the JSON Schema and the validator agree (issue 16, defect 10)', () => {
  it('accept the full report', () => {
    expect(verdicts(FULL)).toMatchObject({ bySchema: true, byApp: true });
  });

  it('judge every field left out, and every field replaced by each JSON type, alike', () => {
    const disagreements: string[] = [];
    let cases = 0;
    for (const at of paths(FULL)) {
      for (const replacement of [REMOVE, ...REPLACEMENTS]) {
        cases++;
        const v = verdicts(changed(at, replacement));
        if (v.bySchema !== v.byApp) {
          disagreements.push(
            `${at.join('.')} = ${replacement === REMOVE ? '(left out)' : JSON.stringify(replacement)}: schema ${v.bySchema ? 'accepts' : `refuses (${v.schemaErrors.join('; ')})`}, app ${v.byApp ? 'accepts' : `refuses (${v.appProblems.join('; ')})`}`,
          );
        }
      }
    }
    expect(cases).toBeGreaterThan(400);
    expect(disagreements).toEqual([]);
  });
});
