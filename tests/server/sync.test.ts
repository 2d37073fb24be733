/**
 * Sync races against a real server and database: two people from the same base (one wins, the other gets the
 * server's copy, nothing lost); a retried push after a lost response (applied once); a transaction that commits
 * late (not skipped by pull); the server killed in the middle of a push and restarted; the database restarted
 * under load.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullResponse, PushResponse } from '../../src/core/sync/protocol.ts';
import { postgisUnavailable } from '../../src/server/pgCluster.ts';
import { applyPush, preparePush } from '../../src/server/reportSync.ts';
import { countryObce, startServer, type RunningServer } from '../../src/server/server.ts';
import { api } from './support/http.ts';
import { reportFeature, startTestWorkspace, type TestWorkspace } from './support/workspace.ts';

let t: TestWorkspace;
let server: RunningServer;
let outbox: string;
let obecA = '';
let pointA = { lon: 0, lat: 0 };
const people = {} as Record<'mayor1' | 'mayor2' | 'bco', { id: string; token: string }>;

const push = (token: string, changes: unknown[]) => api<PushResponse>(server.url, '/api/sync/push', { token, body: { changes } });
const pullAll = async (token: string, since = '0') => {
  const changes: PullResponse['changes'] = [];
  let checkpoint = since;
  for (;;) {
    const page = await api<PullResponse>(server.url, `/api/sync/pull?since=${checkpoint}`, { token });
    expect(page.status).toBe(200);
    changes.push(...page.body.changes);
    checkpoint = page.body.checkpoint;
    if (!page.body.more) return { changes, checkpoint };
  }
};
/** A point near obec A's interior point, a few metres apart per k. */
const near = (k: number) => ({ lon: pointA.lon + ((k % 50) - 25) * 0.00002, lat: pointA.lat + ((Math.floor(k / 50) % 50) - 25) * 0.00002 });

describe.skipIf(postgisUnavailable() !== null)('sync', () => {
  beforeAll(async () => {
    t = await startTestWorkspace();
    obecA = (await t.obceOf('CZ041', 1))[0]!;
    pointA = await t.pointIn(obecA);
    people.mayor1 = await t.addUser('starosta@example.cz', 'mayor', { obec: obecA });
    people.mayor2 = await t.addUser('mistostarosta@example.cz', 'mayor', { obec: obecA });
    people.bco = await t.addUser('bco@example.cz', 'bco', { kraj: 'CZ041' });
    outbox = mkdtempSync(path.join(tmpdir(), 'hlucha-outbox-'));
    server = await startServer({ port: 0, workspace: t.workspace, mailOutbox: outbox });
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
    rmSync(outbox, { recursive: true, force: true });
  });

  it('two people from the same base: one is accepted, the other gets a conflict with the server copy; nothing is lost', async () => {
    const original = reportFeature(pointA.lon, pointA.lat, { description: 'Původní popis' });
    expect((await push(people.mayor1.token, [{ report: original, baseRevision: null }])).body.accepted).toEqual([original.id]);
    const mine = { ...original, properties: { ...original.properties, revision: 2, description: 'Starosta: upřesněno' } };
    const theirs = { ...original, properties: { ...original.properties, revision: 2, description: 'Místostarosta: jiná úprava' } };
    const [first, second] = await Promise.all([
      push(people.mayor1.token, [{ report: mine, baseRevision: 1 }]),
      push(people.mayor2.token, [{ report: theirs, baseRevision: 1 }]),
    ]);
    const results = [first.body, second.body];
    expect(results.map((r) => r.accepted.length).sort()).toEqual([0, 1]);
    expect(results.map((r) => r.conflicts.length).sort()).toEqual([0, 1]);
    const loser = results.find((r) => r.conflicts.length === 1)!;
    const winnerText = results.find((r) => r.accepted.length === 1) === first.body ? 'Starosta: upřesněno' : 'Místostarosta: jiná úprava';
    const server = loser.conflicts[0]!.server as typeof original;
    expect(server.properties.description).toBe(winnerText);
    expect(server.properties.revision).toBe(2);
    // The loser resolves (keeps both texts) and pushes on the server's revision: accepted.
    const resolved = { ...original, properties: { ...server.properties, revision: 3, description: 'Starosta: upřesněno; Místostarosta: jiná úprava' } };
    const token = loser === first.body ? people.mayor1.token : people.mayor2.token;
    expect((await push(token, [{ report: resolved, baseRevision: 2 }])).body.accepted).toEqual([original.id]);
    const pulled = (await pullAll(people.bco.token)).changes.filter((c) => c.id === original.id);
    expect(pulled).toHaveLength(1);
    expect((pulled[0] as typeof original).properties.description).toBe('Starosta: upřesněno; Místostarosta: jiná úprava');
  });

  it('one push: the valid change is stored, a report in another obec and a guessed id of a report the mayor cannot see are rejected', async () => {
    const otherObec = (await t.obceOf('CZ041', 2))[1]!;
    const elsewhere = await t.pointIn(otherObec);
    const neighbour = await t.addUser('soused@example.cz', 'mayor', { obec: otherObec });
    const theirs = reportFeature(elsewhere.lon, elsewhere.lat);
    expect((await push(neighbour.token, [{ report: theirs, baseRevision: null }])).body.accepted).toEqual([theirs.id]);
    const valid = reportFeature(near(5).lon, near(5).lat);
    const outside = reportFeature(elsewhere.lon, elsewhere.lat);
    const guessed = reportFeature(near(6).lon, near(6).lat, { id: theirs.id, revision: 2, description: 'Přepsáno' });
    const response = await push(people.mayor1.token, [
      { report: valid, baseRevision: null },
      { report: outside, baseRevision: null },
      { report: guessed, baseRevision: 1 },
    ]);
    expect(response.body.accepted).toEqual([valid.id]);
    expect(response.body.conflicts).toEqual([]);
    expect(response.body.rejected).toEqual([
      { id: outside.id, problems: [{ path: 'geometry', code: 'sync.outsideScope' }] },
      { id: theirs.id, problems: [{ path: 'id', code: 'sync.unknownReport' }] },
    ]);
    const asNew = await push(people.mayor1.token, [{ report: { ...guessed, properties: { ...guessed.properties, revision: 1 } }, baseRevision: null }]);
    expect(asNew.body.rejected).toEqual([{ id: theirs.id, problems: [{ path: 'id', code: 'sync.idNotAvailable' }] }]);
    const stored = await t.workspace.owner.query('SELECT description FROM hlucha.reports WHERE id = $1', [theirs.id]);
    expect(stored.rows).toEqual([{ description: theirs.properties.description }]);
    const invalid = await push(people.mayor1.token, [{ report: { ...valid, properties: { ...valid.properties, failures: ['nonsense'] } }, baseRevision: 1 }]);
    expect(invalid.body.rejected[0]?.problems[0]?.code).toBe('field.unknownValue');
  });

  it('a retried push after a lost response is applied once', async () => {
    const report = reportFeature(near(1).lon, near(1).lat, { reporter: { name: 'Petr Malý', role: 'obcan', contact: '777 123 456' } });
    const before = await pullAll(people.mayor1.token);
    const once = await push(people.mayor1.token, [{ report, baseRevision: null }]);
    const again = await push(people.mayor1.token, [{ report, baseRevision: null }]);
    expect(once.body.accepted).toEqual([report.id]);
    expect(again.body).toEqual({ accepted: [report.id], conflicts: [], rejected: [] });
    const edited = { ...report, properties: { ...report.properties, revision: 2, description: 'Opraveno' } };
    await push(people.mayor1.token, [{ report: edited, baseRevision: 1 }]);
    expect((await push(people.mayor1.token, [{ report: edited, baseRevision: 1 }])).body.accepted).toEqual([report.id]);
    const after = await pullAll(people.mayor1.token, before.checkpoint);
    expect(after.changes.map((c) => c.id)).toEqual([report.id]);
    const rows = await t.workspace.owner.query('SELECT revision FROM hlucha.reports WHERE id = $1', [report.id]);
    expect(rows.rows).toEqual([{ revision: 2 }]);
  });

  it('deletions travel as tombstones, and a stale deletion is a conflict', async () => {
    const report = reportFeature(near(2).lon, near(2).lat);
    await push(people.mayor1.token, [{ report, baseRevision: null }]);
    const { checkpoint } = await pullAll(people.bco.token);
    expect((await push(people.mayor2.token, [{ report: { id: report.id, deleted: true }, baseRevision: 5 }])).body.conflicts).toHaveLength(1);
    expect((await push(people.mayor2.token, [{ report: { id: report.id, deleted: true }, baseRevision: 1 }])).body.accepted).toEqual([report.id]);
    expect((await pullAll(people.bco.token, checkpoint)).changes).toEqual([{ id: report.id, deleted: true, revision: 2 }]);
  });

  it('a transaction that commits late is not skipped by pull', async () => {
    const { checkpoint: start } = await pullAll(people.mayor1.token);
    const late = reportFeature(near(3).lon, near(3).lat);
    const early = reportFeature(near(4).lon, near(4).lat);
    const { index } = countryObce();
    // Transaction L draws its sequence number and stays open.
    const client = await t.workspace.db.pool.connect();
    await client.query('BEGIN');
    await client.query(`SELECT set_config('role', 'hlucha_member', true), set_config('request.jwt.claims', $1, true)`, [
      JSON.stringify({ role: 'hlucha_member', sub: people.mayor1.id }),
    ]);
    const prepared = preparePush({ changes: [{ report: late, baseRevision: null }] }, index);
    if ('error' in prepared) throw new Error(prepared.error);
    const response: PushResponse = { accepted: [], conflicts: [], rejected: [] };
    await applyPush(client, prepared.prepared, response);
    expect(response.accepted).toEqual([late.id]);
    // Meanwhile another push commits, and a pull runs: it sees the other push, not L (pending, seq 0).
    expect((await push(people.mayor2.token, [{ report: early, baseRevision: null }])).body.accepted).toEqual([early.id]);
    const during = await pullAll(people.bco.token, start);
    expect(during.changes.map((c) => c.id)).toEqual([early.id]);
    // L commits after the checkpoint moved past the other push: its number is drawn at commit, so the next pull
    // from that checkpoint gets it (a number drawn at the write would lie behind the checkpoint: skipped).
    await client.query('COMMIT');
    client.release();
    const after = await pullAll(people.bco.token, during.checkpoint);
    expect(after.changes.map((c) => c.id)).toEqual([late.id]);
    const seqs = await t.workspace.owner.query<{ id: string; seq: string }>('SELECT id::text, seq::text FROM hlucha.reports WHERE id = ANY($1)', [
      [late.id, early.id],
    ]);
    const seqOf = new Map(seqs.rows.map((r) => [r.id, BigInt(r.seq)]));
    expect(seqOf.get(late.id)! > seqOf.get(early.id)!).toBe(true);
  });

  it('the server killed in the middle of a push and restarted: the client retries, nothing lost, nothing doubled', async () => {
    const databaseUrl = `postgresql://${t.cluster.superuser}@${encodeURIComponent(t.cluster.socketDir)}/hlucha`;
    const root = path.resolve(import.meta.dirname, '..', '..');
    const startChild = async (): Promise<{ child: ChildProcess; url: string }> => {
      const child = spawn(process.execPath, [path.join(root, 'src/cli/hlucha-mista.mjs'), 'serve', '--port', '0', '--mail-outbox', outbox], {
        env: { ...process.env, DATABASE_URL: databaseUrl },
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout!.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /^(http:\/\/\S+)$/m.exec(out);
          if (match) resolve(match[1]!);
        });
        child.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
      });
      return { child, url };
    };
    const changes = Array.from({ length: 400 }, (_, k) => ({
      report: reportFeature(near(100 + k).lon, near(100 + k).lat, { description: `Hromadně ${k}` }),
      baseRevision: null,
    }));
    const ids = changes.map((c) => c.report.id);
    const first = await startChild();
    const lost = fetch(`${first.url}/api/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${people.mayor1.token}` },
      body: JSON.stringify({ changes }),
    }).then(
      (r) => r.status,
      () => 'lost' as const,
    );
    await new Promise((resolve) => setTimeout(resolve, 250));
    first.child.kill('SIGKILL');
    await lost; // the response is lost (or the push finished just before the kill): the client cannot know
    const stored = Number((await t.workspace.owner.query('SELECT count(*) FROM hlucha.reports WHERE id = ANY($1)', [ids])).rows[0].count);
    expect([0, ids.length]).toContain(stored); // one transaction: all or nothing
    const second = await startChild();
    try {
      const retry = await api<PushResponse>(second.url, '/api/sync/push', { token: people.mayor1.token, body: { changes } });
      expect(retry.status).toBe(200);
      expect(retry.body.accepted.sort()).toEqual([...ids].sort());
      const rows = await t.workspace.owner.query(
        'SELECT count(*)::int AS n, count(DISTINCT id)::int AS d, max(revision) AS r FROM hlucha.reports WHERE id = ANY($1)',
        [ids],
      );
      expect(rows.rows[0]).toEqual({ n: ids.length, d: ids.length, r: 1 });
    } finally {
      second.child.kill('SIGTERM');
    }
  });

  it('the database restarted under load: failed pushes answer 503 and succeed on retry; each report stored once', async () => {
    const total = 60;
    const reports = Array.from({ length: total }, (_, k) => reportFeature(near(600 + k).lon, near(600 + k).lat, { description: `Za provozu ${k}` }));
    let unavailable = 0;
    const worker = async (slice: typeof reports) => {
      for (const report of slice) {
        for (let attempt = 0; ; attempt++) {
          const response = await push(people.mayor1.token, [{ report, baseRevision: null }]).catch(() => ({ status: 0, body: null }));
          if (response.status === 200) {
            expect(response.body!.accepted).toEqual([report.id]);
            break;
          }
          unavailable++;
          expect([0, 503]).toContain(response.status);
          expect(attempt).toBeLessThan(200);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    };
    const load = Promise.all([0, 1, 2].map((w) => worker(reports.filter((_, k) => k % 3 === w))));
    await new Promise((resolve) => setTimeout(resolve, 200));
    t.cluster.kill();
    await new Promise((resolve) => setTimeout(resolve, 500));
    t.cluster.start();
    await load;
    const rows = await t.workspace.owner.query('SELECT count(*)::int AS n, count(DISTINCT id)::int AS d FROM hlucha.reports WHERE id = ANY($1)', [
      reports.map((r) => r.id),
    ]);
    expect(rows.rows[0]).toEqual({ n: total, d: total });
    expect(unavailable).toBeGreaterThan(0);
    expect((await api(server.url, '/api/health')).status).toBe(200);
  });
});
