/**
 * The mayor's first pull on a workspace of a few thousand reports: what PostgreSQL does with it (EXPLAIN as the
 * server's role with the mayor's claims, row-level security included), and what it reads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgisUnavailable } from '../../src/server/pgCluster.ts';
import { pullReports, pullReportsSql, pullScope } from '../../src/server/reportSync.ts';
import { startTestWorkspace, type TestWorkspace } from './support/workspace.ts';

let t: TestWorkspace;
let mayor = { id: '', token: '' };
let obec = '';
const OBCE = 40;
const PER_OBEC = 100;

describe.skipIf(postgisUnavailable() !== null)("the mayor's first pull", () => {
  beforeAll(async () => {
    t = await startTestWorkspace();
    const obce = await t.obceOf('CZ041', OBCE);
    obec = obce[OBCE - 1]!;
    mayor = await t.addUser('starosta@example.cz', 'mayor', { obec });
    // Setup as the owner: 40 obce × 100 reports, written in one transaction per obec (as many pushes would).
    for (const kod of obce) {
      await t.workspace.owner.query(
        `INSERT INTO hlucha.reports (id, kraj, obec_kod, orp_kod, revision, geometry, geom, properties, content_hash, created_by, updated_by)
         SELECT gen_random_uuid(), o.kraj, o.kod, o.orp_kod, 1, ST_AsGeoJSON(o.p)::jsonb, o.p,
                jsonb_build_object('description', 'Hlášení ' || g, 'domain', 'mobile', 'createdAt', '2026-05-01T10:00:00.000Z', 'demo', false), 'h' || g, $3::uuid, $3::uuid
         FROM (SELECT kod, kraj, orp_kod, ST_PointOnSurface(geom) AS p FROM hlucha.obce WHERE kod = $1) o, generate_series(1, $2) g`,
        [kod, PER_OBEC, mayor.id],
      );
    }
    await t.workspace.owner.query('ANALYZE hlucha.reports');
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('reads the obec through the (obec_kod, seq) index, not the whole kraj', async () => {
    // The query pullReports runs for this user, explained with the same parameters.
    const plan = await t.tryAs({ role: 'hlucha_member', sub: mayor.id }, async (c) => {
      const { scope, codes } = await pullScope(c);
      expect(scope).toBe('obce');
      const explained = await c.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${pullReportsSql(scope)}`, ['0', 10_000, codes]);
      return explained.rows[0]!['QUERY PLAN'] as Array<{ Plan: PlanNode; 'Execution Time': number }>;
    });
    const nodes = flatten(plan[0]!.Plan);
    const scans = nodes.filter((n) => n['Relation Name'] === 'reports');
    const summary = nodes
      .filter((n) => n['Relation Name'] === 'reports' || n['Index Name']?.startsWith('reports_'))
      .map((n) => `${n['Node Type']}${n['Index Name'] ? ` ${n['Index Name']}` : ''}: ${n['Actual Rows']} rows, ${n['Rows Removed by Filter'] ?? 0} removed`);
    process.stdout.write(
      `mayor's first pull of ${OBCE * PER_OBEC} reports (${PER_OBEC} in the obec): ${summary.join('; ')}; ${plan[0]!['Execution Time'].toFixed(2)} ms\n`,
    );
    // An index scan or a bitmap of reports_obec_seq (a Bitmap Index Scan node names the index, its heap scan the table).
    expect(nodes.some((n) => n['Index Name'] === 'reports_obec_seq')).toBe(true);
    expect(scans.every((n) => n['Node Type'] !== 'Seq Scan')).toBe(true);
    // Only the obec's rows are read: none of the other 39 obce's are fetched and thrown away.
    expect(scans.reduce((sum, n) => sum + (n['Rows Removed by Filter'] ?? 0), 0)).toBe(0);
    expect(nodes[0]!['Actual Rows']).toBe(PER_OBEC);
    // And the pull answers exactly the obec's reports, in order, with what the plain policy query answers.
    const pulled = JSON.parse(await t.tryAs({ role: 'hlucha_member', sub: mayor.id }, (c) => pullReports(c, 0n))) as { changes: Array<{ id: string }> };
    const plain = await t.tryAs({ role: 'hlucha_member', sub: mayor.id }, (c) =>
      c.query<{ id: string }>(`${pullReportsSql(null).replace(/^SELECT/, 'SELECT r.id,')}`, ['0', 10_000]),
    );
    expect(pulled.changes.map((f) => f.id)).toEqual(plain.rows.map((r) => r.id));
    expect(pulled.changes).toHaveLength(PER_OBEC);
  });
});

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows': number;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
}
function flatten(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(flatten)];
}
