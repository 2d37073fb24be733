/**
 * Agreement: the aggregation per ORP and per obec of the shared data in SQL (PostGIS, as a BCO coordinator through
 * row-level security) equals core's aggregateReports on the same fixture. Also the public layer: only H3 cells
 * backed by at least 4 distinct accounts are published, without personal data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateReports } from '../../src/core/aggregate/aggregateReports.ts';
import { seededRandom, seededUuid } from '../../src/core/random/seededRandom.ts';
import { OPERATOR_CHOICES } from '../../src/core/reports/enumerations.ts';
import type { Report } from '../../src/core/reports/report.ts';
import type { PushResponse } from '../../src/core/sync/protocol.ts';
import { aggregatePointsSql } from '../../src/server/aggregateSql.ts';
import { postgisUnavailable } from '../../src/server/pgCluster.ts';
import { applyPush, preparePush } from '../../src/server/reportSync.ts';
import { countryObce, startServer, type RunningServer } from '../../src/server/server.ts';
import { api } from './support/http.ts';
import { reportFeature, startTestWorkspace, type TestWorkspace } from './support/workspace.ts';

let t: TestWorkspace;
let server: RunningServer;
const stored: Report[] = [];
let bco: { id: string; token: string };

describe.skipIf(postgisUnavailable() !== null)('aggregation in PostGIS agrees with core', () => {
  beforeAll(async () => {
    t = await startTestWorkspace();
    const { index } = countryObce();
    const obce = new Set(await t.obceOf('CZ041', 1000));
    // One mayor account per obec of the kraj, as the kraj would invite them.
    const mayors = new Map<string, string>();
    for (const kod of obce) mayors.set(kod, (await t.addUser(`starosta-${kod}@example.cz`, 'mayor', { obec: kod })).id);
    bco = await t.addUser('bco@example.cz', 'bco', { kraj: 'CZ041' });
    const random = seededRandom(15);
    const [west, south, east, north] = index.bbox;
    const byObec = new Map<string, ReturnType<typeof reportFeature>[]>();
    let made = 0;
    while (made < 800) {
      const lon = Math.round((west + (east - west) * random()) * 1e6) / 1e6;
      const lat = Math.round((south + (north - south) * random()) * 1e6) / 1e6;
      const i = index.findContaining(lon, lat);
      if (i < 0 || !obce.has(index.obce[i]!.kod)) continue;
      const feature = reportFeature(lon, lat, { id: seededUuid(random), inhabitants: made % 37 });
      feature.properties.operators = [OPERATOR_CHOICES[made % OPERATOR_CHOICES.length]!];
      feature.properties.domain = made % 5 === 0 ? 'fixed' : 'mobile';
      const list = byObec.get(index.obce[i]!.kod) ?? [];
      list.push(feature);
      byObec.set(index.obce[i]!.kod, list);
      made++;
    }
    for (const [kod, features] of byObec) {
      const prepared = preparePush({ changes: features.map((report) => ({ report, baseRevision: null })) }, index);
      if ('error' in prepared) throw new Error(prepared.error);
      const response: PushResponse = { accepted: [], conflicts: [], rejected: prepared.rejected };
      await t.workspace.db.asRole({ role: 'hlucha_member', sub: mayors.get(kod)! }, (c) => applyPush(c, prepared.prepared, response));
      expect(response.rejected).toEqual([]);
      for (const p of prepared.prepared) if (p.kind === 'report') stored.push(p.report);
    }
    server = await startServer({ port: 0, workspace: t.workspace, mailOutbox: '/tmp/hlucha-unused-outbox' });
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  for (const by of ['orp', 'obec'] as const) {
    it(`per ${by}: counts, inhabitants, domains and operators are equal`, async () => {
      const { index } = countryObce();
      const core = aggregateReports(stored, index, { by }).units.map((u) => ({
        kod: u.unit.kod,
        reports: u.reports,
        inhabitantsAffected: u.inhabitantsAffected,
        mobile: u.byDomain.mobile,
        fixed: u.byDomain.fixed,
        byOperator: u.byOperator,
      }));
      const sql = await t.workspace.db.asRole({ role: 'hlucha_member', sub: bco.id }, (c) => aggregatePointsSql(c, by));
      const sort = <T extends { kod: string }>(rows: T[]) => [...rows].sort((a, b) => a.kod.localeCompare(b.kod));
      expect(stored.length).toBe(800);
      expect(sort(sql)).toEqual(sort(core));
      expect(sql.length).toBeGreaterThan(by === 'orp' ? 5 : 50);
    });
  }

  it('the public layer shows only cells backed by at least 4 distinct accounts, without personal data', async () => {
    const { index } = countryObce();
    const kod = (await t.obceOf('CZ041', 1))[0]!;
    const point = await t.pointIn(kod);
    // Five reports in one cell: from 3 accounts (withheld), then a 4th account (published).
    const accounts = [0, 1, 2, 3].map(async (k) => t.addUser(`obcan-${k}@example.cz`, 'mayor', { obec: kod }));
    const users = await Promise.all(accounts);
    const pushAs = async (k: number, n: number) => {
      const feature = reportFeature(point.lon + n * 0.00001, point.lat, { reporter: { name: 'Stejné Jméno', role: 'obcan', contact: 'tajny@example.cz' } });
      const result = await api<PushResponse>(server.url, '/api/sync/push', {
        token: users[k]!.token,
        body: { changes: [{ report: feature, baseRevision: null }] },
      });
      expect(result.body.accepted).toHaveLength(1);
    };
    const cellOf = async () => {
      const layer = await api(server.url, '/api/public/cells.geojson');
      expect(layer.headers.get('content-type')).toContain('application/geo+json');
      return layer;
    };
    const before = (await cellOf()).body.features.length;
    await pushAs(0, 1);
    await pushAs(0, 2);
    await pushAs(1, 3);
    await pushAs(2, 4);
    expect((await cellOf()).body.features.length).toBe(before);
    await pushAs(3, 5);
    const after = await cellOf();
    expect(after.body.features.length).toBe(before + 1);
    const text = JSON.stringify(after.body);
    expect(text).not.toContain('tajny@example.cz');
    expect(text).not.toContain('Stejné');
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}/); // no account or report ids
    expect(index.size).toBeGreaterThan(6000);
  });
});
