/**
 * The shared workspace under load, on this machine: 134 simulated mayors (one per obec of Karlovarský kraj, CZ041)
 * and 3 BCO coordinators against one server (`hlucha-mista serve` in its own process, on a throw-away cluster).
 * Mayors push 10 reports at a time (new ones, and edits of their own on the acknowledged revision) and pull;
 * coordinators pull and record review actions (status, audit). Each virtual user waits 0.5–1.5 s between
 * actions (people, not a flood). Afterwards: every accepted change is in the database exactly once (count and
 * checksum). Then the initial pull of 10,000 reports into a fresh browser against a plain SELECT of the same rows,
 * and EXPLAIN ANALYZE of the pull and aggregation queries on national-scale generated data.
 *
 *   node --import tsx tests/bench/server.bench.ts [--seconds 60] [--think 0.5-1.5] [--mayors 134] [--national 1000000]
 *     [--profile-server DIR] [--quick: 15 s, 100,000 national rows]
 *
 * `--think A-B`: seconds each virtual user waits between two actions (default 0.5–1.5 s: a stress pace, every
 * mayor pushing 10 reports every 2 s); `--mayors N`: the first N obce only; `--national 0` skips the national part.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { seededRandom } from '../../src/core/random/seededRandom.ts';
import type { PullResponse, PushResponse, ReviewPushResponse } from '../../src/core/sync/protocol.ts';
import { createAccessToken } from '../../src/server/auth.ts';
import { postgisUnavailable, startCluster } from '../../src/server/pgCluster.ts';
import { pullReportsSql } from '../../src/server/reportSync.ts';
import { countryObce, openWorkspaceDatabase } from '../../src/server/server.ts';
import { reportFeature } from '../server/support/workspace.ts';

const reason = postgisUnavailable();
if (reason) {
  console.log(`Server benchmark skipped: ${reason}`);
  process.exit(0);
}
const QUICK = process.argv.includes('--quick');
const argSeconds = process.argv.indexOf('--seconds');
const SECONDS = argSeconds > 0 ? Number(process.argv[argSeconds + 1]) : QUICK ? 15 : 60;
const argNational = process.argv.indexOf('--national');
const NATIONAL_ROWS = argNational > 0 ? Number(process.argv[argNational + 1]) : QUICK ? 100_000 : 1_000_000;
const KRAJ = 'CZ041';
const argThink = process.argv.indexOf('--think');
const [THINK_MIN, THINK_MAX] = (argThink > 0 ? process.argv[argThink + 1]! : '0.5-1.5').split('-').map((s) => Number(s) * 1000) as [number, number];
const argProfile = process.argv.indexOf('--profile-server');
/** `--profile-server DIR`: the server's CPU profile (node --cpu-prof) into DIR, to open in Chrome's DevTools. */
const PROFILE_ARGS = argProfile > 0 ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.argv[argProfile + 1]!)}`] : [];
const argMayors = process.argv.indexOf('--mayors');
const MAYORS = argMayors > 0 ? Number(process.argv[argMayors + 1]) : Infinity;

const cluster = startCluster({ settings: { shared_buffers: '256MB', work_mem: '64MB' } });
const outbox = mkdtempSync(path.join(tmpdir(), 'hlucha-bench-outbox-'));
let child: ChildProcess | null = null;
// Interrupted (Ctrl-C, a timeout): stop the server and the throw-away cluster, not only this process.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    child?.kill('SIGTERM');
    cluster.stop();
    rmSync(outbox, { recursive: true, force: true });
    process.exit(130);
  });
}
try {
  const workspace = await openWorkspaceDatabase({ cluster });
  const owner = workspace.owner;
  const { index } = countryObce();
  const obce = (await owner.query<{ kod: string }>('SELECT kod FROM hlucha.obce WHERE kraj = $1 ORDER BY kod', [KRAJ])).rows.map((r) => r.kod).slice(0, MAYORS);
  await owner.query('INSERT INTO hlucha.workspaces (kraj, name) VALUES ($1, $1)', [KRAJ]);
  const invite = async (email: string, role: string, obec: string | null) => {
    const id = (await owner.query<{ id: string }>('INSERT INTO hlucha.users (email) VALUES ($1) RETURNING id', [email])).rows[0]!.id;
    await owner.query('INSERT INTO hlucha.memberships (user_id, role, kraj, obec_kod) VALUES ($1, $2, $3, $4)', [id, role, KRAJ, obec]);
    const client = await owner.connect();
    try {
      return { id, token: (await createAccessToken(client, id, 'bench')).token };
    } finally {
      client.release();
    }
  };
  const mayors: Array<{ kod: string; id: string; token: string }> = [];
  for (const kod of obce) mayors.push({ kod, ...(await invite(`starosta-${kod}@example.cz`, 'mayor', kod)) });
  const coordinators: Array<{ id: string; token: string }> = [];
  for (let k = 0; k < 3; k++) coordinators.push(await invite(`bco-${k}@example.cz`, 'bco', null));
  const fresh = await invite('novy-prohlizec@example.cz', 'bco', null);

  // Points inside each obec (core's lookup), so every push is in scope.
  const random = seededRandom(1515);
  const pointsOf = new Map<string, Array<[number, number]>>();
  for (const kod of obce) {
    const i = index.indexOfKod(kod)!;
    const coords = JSON.stringify(index.geometries[i]!.coordinates)
      .match(/-?\d+\.\d+/g)!
      .map(Number);
    const lons = coords.filter((_, k) => k % 2 === 0);
    const lats = coords.filter((_, k) => k % 2 === 1);
    const [w, e, s, n] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
    const points: Array<[number, number]> = [];
    for (let tries = 0; points.length < 400 && tries < 40_000; tries++) {
      const lon = Math.round((w + (e - w) * random()) * 1e6) / 1e6;
      const lat = Math.round((s + (n - s) * random()) * 1e6) / 1e6;
      if (index.findContaining(lon, lat) === i) points.push([lon, lat]);
    }
    pointsOf.set(kod, points);
  }

  // The server in its own process, as `npx hlucha-mista serve` runs it.
  const databaseUrl = `postgresql://${cluster.superuser}@${encodeURIComponent(cluster.socketDir)}/hlucha`;
  const root = path.resolve(import.meta.dirname, '..', '..');
  child = spawn(process.execPath, [...PROFILE_ARGS, path.join(root, 'src/cli/hlucha-mista.mjs'), 'serve', '--port', '0', '--mail-outbox', outbox], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child!.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /^(http:\/\/\S+)$/m.exec(out);
      if (match) resolve(match[1]!);
    });
    child!.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });

  const latencies: Record<string, number[]> = { push: [], pull: [], 'review push': [], 'review pull': [] };
  let errors = 0;
  const errorKinds = new Map<string, number>();
  const fail = (kind: string) => {
    errors++;
    errorKinds.set(kind, (errorKinds.get(kind) ?? 0) + 1);
  };
  const call = async <T>(kind: string, token: string, pathname: string, body?: unknown): Promise<T | null> => {
    const start = performance.now();
    try {
      const response = await fetch(`${url}${pathname}`, {
        method: body ? 'POST' : 'GET',
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      const parsed = (await response.json()) as T;
      latencies[kind]!.push(performance.now() - start);
      if (response.status !== 200) {
        fail(`${kind} HTTP ${response.status}`);
        return null;
      }
      return parsed;
    } catch {
      fail(`${kind} network`);
      return null;
    }
  };

  /** What the clients believe the server stores: id → revision and content fingerprint. */
  const acknowledged = new Map<string, { revision: number; description: string }>();
  const deadline = Date.now() + SECONDS * 1000;
  const think = () => new Promise((resolve) => setTimeout(resolve, THINK_MIN + Math.random() * (THINK_MAX - THINK_MIN)));

  const mayorLoop = async (mayor: (typeof mayors)[number], m: number) => {
    const points = pointsOf.get(mayor.kod)!;
    const mine: string[] = [];
    let checkpoint = '0';
    let n = 0;
    await new Promise((resolve) => setTimeout(resolve, Math.random() * THINK_MAX));
    while (Date.now() < deadline) {
      const changes: Array<{ report: ReturnType<typeof reportFeature>; baseRevision: number | null }> = [];
      for (let k = 0; k < 10; k++) {
        const editable = mine.length > 20 && k < 3 ? mine[(n * 7 + k * 13) % mine.length]! : null;
        if (editable && !changes.some((c) => c.report.id === editable)) {
          const known = acknowledged.get(editable)!;
          const [lon, lat] = points[(n + k) % points.length]!;
          changes.push({
            report: reportFeature(lon, lat, { id: editable, revision: known.revision + 1, description: `Upraveno ${m}-${n}-${k}` }),
            baseRevision: known.revision,
          });
        } else {
          const [lon, lat] = points[(n * 10 + k) % points.length]!;
          changes.push({ report: reportFeature(lon, lat, { id: randomUUID(), description: `Hlášení ${m}-${n}-${k}`, inhabitants: k }), baseRevision: null });
        }
      }
      n++;
      const result = await call<PushResponse>('push', mayor.token, '/api/sync/push', { changes });
      if (result) {
        if (result.conflicts.length > 0) fail('push conflict');
        if (result.rejected.length > 0) fail(`push rejected ${result.rejected[0]!.problems[0]!.code}`);
        for (const id of result.accepted) {
          const change = changes.find((c) => c.report.id === id)!;
          if (!acknowledged.has(id)) mine.push(id);
          acknowledged.set(id, { revision: change.report.properties.revision, description: change.report.properties.description });
        }
      }
      await think();
      const pulled = await call<PullResponse>('pull', mayor.token, `/api/sync/pull?since=${checkpoint}`);
      if (pulled) checkpoint = pulled.checkpoint;
      await think();
    }
  };
  const coordinatorLoop = async (coordinator: (typeof coordinators)[number], k: number) => {
    let checkpoint = '0';
    let reviewCheckpoint = '0';
    const seen: string[] = [];
    const revisions = new Map<string, number>();
    let n = 0;
    while (Date.now() < deadline) {
      const pulled = await call<PullResponse>('pull', coordinator.token, `/api/sync/pull?since=${checkpoint}`);
      if (pulled) {
        checkpoint = pulled.checkpoint;
        for (const change of pulled.changes) if (!('deleted' in change)) seen.push(change.id);
      }
      await think();
      if (seen.length > 0) {
        // A status decision on a one-report locality, with its audit entry (three coordinators share localities).
        const reportId = seen[(n * 31 + k * 7) % seen.length]!;
        const localityId = `L-${reportId}`;
        const at = new Date().toISOString();
        const base = revisions.get(localityId) ?? null;
        const status = (n + k) % 2 === 0 ? 'inReview' : 'new';
        const result = await call<ReviewPushResponse>('review push', coordinator.token, '/api/review/push', {
          kraj: KRAJ,
          reviews: [
            {
              review: { localityId, status, priority: 'normal', notes: [{ at, by: `BCO ${k}`, text: `Poznámka ${n}` }], mergedInto: null, updatedAt: at },
              reportIds: [reportId],
              baseRevision: base,
            },
          ],
          audit: [{ id: `${at}|BCO ${k}|${n}|bench`, at, by: `BCO ${k}`, action: { type: 'setStatus', localityId, status }, details: {} }],
        });
        if (result) {
          if (result.rejected.length > 0) fail('review rejected');
          for (const r of result.accepted.reviews) revisions.set(r.localityId, r.revision);
        }
      }
      n++;
      const reviews = await call<{ checkpoint: string; reviews: Array<{ review: { localityId: string }; revision: number }> }>(
        'review pull',
        coordinator.token,
        `/api/review/pull?since=${reviewCheckpoint}`,
      );
      if (reviews) {
        reviewCheckpoint = reviews.checkpoint;
        for (const r of reviews.reviews) revisions.set(r.review.localityId, r.revision);
      }
      await think();
    }
  };
  const started = performance.now();
  await Promise.all([...mayors.map(mayorLoop), ...coordinators.map(coordinatorLoop)]);
  const elapsed = (performance.now() - started) / 1000;

  // Exactly once: every acknowledged report is stored once, at the acknowledged revision and content.
  const ids = [...acknowledged.keys()].sort();
  const stored = await owner.query<{ id: string; revision: number; description: string }>(
    'SELECT id::text, revision, description FROM hlucha.reports ORDER BY id',
  );
  const checksum = (rows: Array<{ id: string; revision: number; description: string }>) =>
    createHash('sha256')
      .update(rows.map((r) => `${r.id}:${r.revision}:${r.description}`).join('\n'))
      .digest('hex');
  const expected = checksum(ids.map((id) => ({ id, ...acknowledged.get(id)! })));
  const actual = checksum(stored.rows);
  const distinct = new Set(stored.rows.map((r) => r.id)).size;
  const audit = Number((await owner.query('SELECT count(*) FROM hlucha.review_audit')).rows[0].count);

  const pct = (values: number[], p: number) => {
    if (values.length === 0) return NaN;
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
  };
  console.log(
    `\nShared workspace under load — ${mayors.length} mayors + ${coordinators.length} BCO coordinators, ${elapsed.toFixed(0)} s, think time ${THINK_MIN / 1000}–${THINK_MAX / 1000} s (Node ${process.version}, ${cluster.version}, server in its own process)\n`,
  );
  console.log('| request | count | per s | p50 ms | p95 ms | p99 ms | max ms |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const [kind, values] of Object.entries(latencies)) {
    console.log(
      `| ${kind} | ${values.length.toLocaleString('en')} | ${(values.length / elapsed).toFixed(1)} | ${pct(values, 50).toFixed(1)} | ${pct(values, 95).toFixed(1)} | ${pct(values, 99).toFixed(1)} | ${Math.max(...values).toFixed(1)} |`,
    );
  }
  console.log(
    `\nReports pushed per second (accepted changes): ${((latencies.push!.length * 10) / elapsed).toFixed(0)}; errors: ${errors}${errors ? ` (${[...errorKinds].map(([k, v]) => `${k}: ${v}`).join(', ')})` : ''}`,
  );
  console.log(
    `Exactly once: ${ids.length.toLocaleString('en')} acknowledged reports, ${stored.rows.length.toLocaleString('en')} rows, ${distinct.toLocaleString('en')} distinct; checksum ${expected === actual ? 'equal' : 'DIFFERENT'} (${actual.slice(0, 12)}); ${audit.toLocaleString('en')} audit entries`,
  );

  // Initial pull of 10,000 reports into a fresh browser (one request), against a plain SELECT of the same rows.
  // Topped up to 10,000 first (mayors pushing 500 at a time) when the load phase stored fewer.
  let have = Number((await owner.query('SELECT count(*) FROM hlucha.reports')).rows[0].count);
  for (let m = 0; have < 10_000; m = (m + 1) % mayors.length) {
    const mayor = mayors[m]!;
    const points = pointsOf.get(mayor.kod)!;
    const changes = Array.from({ length: Math.min(500, 10_000 - have) }, (_, k) => ({
      report: reportFeature(points[k % points.length]![0], points[k % points.length]![1], { id: randomUUID(), description: `Doplněno ${m}-${k}` }),
      baseRevision: null,
    }));
    const result = await call<PushResponse>('push', mayor.token, '/api/sync/push', { changes });
    have += result?.accepted.length ?? 0;
  }
  const best = async (run: () => Promise<unknown>, runs = 3) => {
    let fastest = Infinity;
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      await run();
      fastest = Math.min(fastest, performance.now() - start);
    }
    return fastest;
  };
  let pulledCount = 0;
  const pullMs = await best(async () => {
    const response = await fetch(`${url}/api/sync/pull`, { headers: { authorization: `Bearer ${fresh.token}` } });
    pulledCount = ((await response.json()) as PullResponse).changes.length;
  });
  const plain = new pg.Client({ host: cluster.socketDir, database: 'hlucha', user: cluster.superuser });
  await plain.connect();
  let selectCount = 0;
  const selectMs = await best(async () => {
    selectCount = (await plain.query('SELECT id, geometry, properties FROM hlucha.reports ORDER BY seq LIMIT 10000')).rows.length;
  });
  console.log(
    `\nInitial pull of ${pulledCount.toLocaleString('en')} reports over HTTP (RLS, Features built in SQL, JSON parsed by the client): ${pullMs.toFixed(0)} ms; plain SELECT of the same ${selectCount.toLocaleString('en')} rows (superuser, pg client parsing): ${selectMs.toFixed(0)} ms; ratio ${(pullMs / selectMs).toFixed(2)}× (best of 3; goal < 2,000 ms)`,
  );
  await plain.end();
  child.kill('SIGTERM');
  child = null;

  if (NATIONAL_ROWS > 0) {
    // National scale by simulation: generated reports over all Czechia, then the pull and aggregation queries as a
    // mayor and as a kraj's coordinator would run them (RLS on), with EXPLAIN ANALYZE.
    const generate = performance.now();
    await owner.query(`INSERT INTO hlucha.workspaces (kraj, name) SELECT DISTINCT kraj, kraj FROM hlucha.obce ON CONFLICT DO NOTHING`);
    // Points inside each obec in proportion to its area (ST_GeneratePoints, seeded), filed under that obec, in
    // random order along the change sequence. A bulk load: triggers off for this session (the per-row commit
    // stamping is what pushes do; here the sequence is drawn directly), as an operator's import would run.
    const loader = await owner.connect();
    try {
      await loader.query(`SET session_replication_role = replica`);
      await loader.query(
        `CREATE TEMP TABLE gen AS
         SELECT o.kraj, o.kod, o.orp_kod, (ST_Dump(ST_GeneratePoints(o.geom, o.n, 1515))).geom AS p
         FROM (SELECT kraj, kod, orp_kod, geom, greatest(1, round($1 * ST_Area(geom) / (SELECT sum(ST_Area(geom)) FROM hlucha.obce)))::int AS n
               FROM hlucha.obce) o`,
        [NATIONAL_ROWS],
      );
      await loader.query(
        `INSERT INTO hlucha.reports (id, kraj, obec_kod, orp_kod, revision, geometry, geom, properties, content_hash, created_by, updated_by, seq)
         SELECT gen_random_uuid(), g.kraj, g.kod, g.orp_kod, 1, ST_AsGeoJSON(g.p)::jsonb, g.p,
           jsonb_build_object('description', 'generováno', 'domain', 'mobile', 'createdAt', '2026-01-01T00:00:00Z', 'demo', false, 'failures', '["noSignal"]'::jsonb, 'operators', '["o2"]'::jsonb, 'affected', '{"inhabitants": 3}'::jsonb),
           'gen', $1, $1, nextval('hlucha.change_seq')
         FROM (SELECT * FROM gen ORDER BY random()) g`,
        [fresh.id],
      );
      await loader.query(`RESET session_replication_role`);
    } finally {
      loader.release();
    }
    await owner.query('VACUUM ANALYZE hlucha.reports');
    const totalRows = Number((await owner.query('SELECT count(*) FROM hlucha.reports')).rows[0].count);
    const generateS = (performance.now() - generate) / 1000;
    const nationalMayor = await invite('starosta-narodni@example.cz', 'mayor', obce[0]!);
    const nationalBco = await invite('bco-narodni@example.cz', 'bco', null);
    const explain = async (userId: string, sql: string, params: unknown[] = []) => {
      const c = await workspace.db.pool.connect();
      try {
        await c.query('BEGIN');
        await c.query(`SELECT set_config('role', 'hlucha_member', true), set_config('request.jwt.claims', $1, true)`, [
          JSON.stringify({ role: 'hlucha_member', sub: userId }),
        ]);
        const rows = await c.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT TEXT) ${sql}`, params);
        await c.query('ROLLBACK');
        const text = rows.rows.map((r) => r['QUERY PLAN']);
        const ms = Number(/Execution Time: ([\d.]+)/.exec(text.join('\n'))?.[1]);
        const scan =
          text
            .find((l) => /Index|Seq Scan|Bitmap/.test(l))
            ?.trim()
            .replace(/\s+\(cost.*$/, '') ?? '';
        return { ms, scan };
      } finally {
        c.release();
      }
    };
    const checkpoint = Math.floor(totalRows * 0.99);
    // The server's own pull query (src/server/reportSync.ts), with the scope it names for a mayor and a coordinator.
    const mayorPull = pullReportsSql('obce');
    const bcoPull = pullReportsSql('kraje');
    const rows = [
      ['mayor: initial pull (one obec, from 0)', await explain(nationalMayor.id, mayorPull, [0, 10_000, [obce[0]!]])],
      ['mayor: incremental pull (last 1 % of the sequence)', await explain(nationalMayor.id, mayorPull, [checkpoint, 10_000, [obce[0]!]])],
      ['BCO coordinator: initial pull, first 10,000 of the kraj', await explain(nationalBco.id, bcoPull, [0, 10_000, [KRAJ]])],
      ['BCO coordinator: incremental pull (last 1 %)', await explain(nationalBco.id, bcoPull, [checkpoint, 10_000, [KRAJ]])],
      [
        'BCO coordinator: aggregation per ORP of the kraj (PostGIS join)',
        await explain(
          nationalBco.id,
          `SELECT o.orp_kod, count(*) FROM hlucha.reports r JOIN hlucha.obce o ON ST_Contains(o.geom, r.geom) WHERE NOT r.deleted GROUP BY o.orp_kod`,
        ),
      ],
      [
        'BCO coordinator: aggregation per ORP by the stored orp_kod',
        await explain(nationalBco.id, `SELECT r.orp_kod, count(*) FROM hlucha.reports r WHERE NOT r.deleted GROUP BY r.orp_kod`),
      ],
    ] as const;
    console.log(
      `\nNational scale (simulated): ${totalRows.toLocaleString('en')} reports over all 14 kraje (${generateS.toFixed(0)} s to generate and index), queries as the user (RLS on), EXPLAIN ANALYZE\n`,
    );
    console.log('| query | execution ms | first scan |');
    console.log('|---|---:|---|');
    for (const [name, r] of rows) console.log(`| ${name} | ${r.ms.toFixed(1)} | ${r.scan} |`);
  }
  await workspace.close();
} finally {
  child?.kill('SIGTERM');
  cluster.stop();
  rmSync(outbox, { recursive: true, force: true });
}
