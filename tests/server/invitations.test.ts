/**
 * Mail and invitations against a real SMTP server on 127.0.0.1 (smtp-server) and a real throw-away PostgreSQL:
 * the SMTP transport writes proper MIME (UTF-8 subject, text/plain; charset=utf-8); an unreachable or refusing
 * SMTP server is a coded failure; `users add` (the command, in its own process) invites in Czech or English with
 * the role, the obec and kraj by name and a link to the app's sign-in with the address filled in; `users remove`
 * takes a role back; `serve` sends sign-in links by SMTP, and when SMTP fails the request still answers 202 like
 * any address and the failure is in the server's log, coded.
 */
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSmtpUrl, MailError, smtpTransport } from '../../src/server/mail.ts';
import { postgisUnavailable } from '../../src/server/pgCluster.ts';
import { startServer } from '../../src/server/server.ts';
import { api } from './support/http.ts';
import { startTestWorkspace, type TestWorkspace } from './support/workspace.ts';

interface Received {
  raw: string;
  envelopeTo: string[];
  mail: ParsedMail;
}

/** A local SMTP server: plain SMTP on 127.0.0.1, no TLS, no login; optionally refusing every recipient (550). */
async function startSmtp(options: { refuseRecipients?: boolean } = {}) {
  const received: Received[] = [];
  const waiting: Array<() => void> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (options.refuseRecipients) callback(Object.assign(new Error('5.1.1 Mailbox unavailable'), { responseCode: 550 }));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        void simpleParser(raw).then((mail) => {
          received.push({ raw, envelopeTo: session.envelope.rcptTo.map((r) => r.address), mail });
          for (const wake of waiting.splice(0)) wake();
          callback();
        });
      });
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    /** Resolves when `count` messages have arrived. */
    async until(count: number): Promise<Received[]> {
      while (received.length < count) await new Promise<void>((resolve) => waiting.push(resolve));
      return received;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** An address where nothing listens (a port that was free a moment ago). */
async function closedPort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

const root = path.resolve(import.meta.dirname, '..', '..');
let t: TestWorkspace;
let databaseUrl = '';
let obec = '';
let obecName = '';

/** The operator's command in its own process, as a person runs it. */
function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(root, 'src/cli/hlucha-mista.mjs'), ...args],
      { env: { ...process.env, DATABASE_URL: databaseUrl, SMTP_URL: '', MAIL_FROM: '', HLUCHA_PUBLIC_URL: '', ...env }, timeout: 120_000 },
      (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const lastJson = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;

describe('the SMTP transport', () => {
  it('hands a message to an SMTP server as MIME: UTF-8 subject as an encoded word, text/plain; charset=utf-8, the sender given', async () => {
    const smtp = await startSmtp();
    const transport = smtpTransport(smtp.url, 'Krajský úřad <hlucha@kr-example.cz>');
    try {
      await transport.send({
        to: 'starostka@obec.example.cz',
        subject: 'Přihlášení – žluťoučký kůň',
        text: 'Dobrý den,\nodkaz: https://example.cz/?a=1&b=2\n',
      });
      const [message] = await smtp.until(1);
      const headers = message!.raw.split('\r\n\r\n')[0]!;
      expect(headers).toMatch(/^MIME-Version: 1\.0$/im);
      expect(headers).toMatch(/^Content-Type: text\/plain; charset=utf-8$/im);
      expect(headers).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/im);
      expect(headers).not.toMatch(/[^\x00-\x7f]/); // 7-bit headers: every non-ASCII character encoded
      expect(message!.envelopeTo).toEqual(['starostka@obec.example.cz']);
      expect(message!.mail.subject).toBe('Přihlášení – žluťoučký kůň');
      expect(message!.mail.from?.value[0]).toEqual({ name: 'Krajský úřad', address: 'hlucha@kr-example.cz' });
      expect(message!.mail.text).toBe('Dobrý den,\nodkaz: https://example.cz/?a=1&b=2\n');
    } finally {
      transport.close?.();
      await smtp.close();
    }
  });

  it('an SMTP server that is not there is mail.unreachable; one refusing the recipient is mail.refused; a bad URL is named', async () => {
    const nowhere = smtpTransport(`smtp://127.0.0.1:${await closedPort()}`);
    const unreachable = await nowhere.send({ to: 'a@example.cz', subject: 's', text: 't' }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(unreachable).toBeInstanceOf(MailError);
    expect((unreachable as MailError).code).toBe('mail.unreachable');

    const refusing = await startSmtp({ refuseRecipients: true });
    const transport = smtpTransport(refusing.url);
    try {
      const refused = await transport.send({ to: 'a@example.cz', subject: 's', text: 't' }).then(
        () => null,
        (error: unknown) => error,
      );
      expect((refused as MailError).code).toBe('mail.refused');
      expect(refusing.received).toEqual([]);
    } finally {
      transport.close?.();
      await refusing.close();
    }
    expect(checkSmtpUrl('ftp://mail.example.cz')).toEqual({ ok: false, code: 'mail.badSmtpUrl' });
    expect(checkSmtpUrl('smtps://user:heslo@mail.example.cz:465').ok).toBe(true);
  });

  it('serve refuses an SMTP address that is not smtp:// or smtps:// before it starts', async () => {
    const result = await cli(['serve', '--port', '0', '--smtp', 'http://mail.example.cz']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('mail.badSmtpUrl');
  });
});

describe.skipIf(postgisUnavailable() !== null)('invitations and sign-in mail with a real workspace', () => {
  beforeAll(async () => {
    t = await startTestWorkspace();
    databaseUrl = `postgresql://${t.cluster.superuser}@${encodeURIComponent(t.cluster.socketDir)}/hlucha`;
    obec = (await t.obceOf('CZ041', 1))[0]!;
    obecName = (await t.workspace.owner.query<{ nazev: string }>('SELECT nazev FROM hlucha.obce WHERE kod = $1', [obec])).rows[0]!.nazev;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('users add invites in Czech by SMTP: the role, the obec and kraj by name, the app with the address filled in; once per new role', async () => {
    const smtp = await startSmtp();
    try {
      const env = { SMTP_URL: smtp.url, MAIL_FROM: 'Karlovarský kraj <hlucha@kr-karlovarsky.cz>' };
      const added = await cli(
        ['users', 'add', '--email', 'Starostka@Obec.example.cz', '--role', 'mayor', '--obec', obec, '--public-url', 'https://hm.kraj.example.cz/'],
        env,
      );
      expect(added.code).toBe(0);
      expect(lastJson(added.stdout)).toMatchObject({ email: 'starostka@obec.example.cz', role: 'mayor', kraj: 'CZ041', obec, added: true, invited: true });
      const [invitation] = await smtp.until(1);
      const mail = invitation!.mail;
      expect(invitation!.envelopeTo).toEqual(['starostka@obec.example.cz']);
      expect(mail.subject).toBe(`Pozvánka do Hluchých míst: starosta / starostka obce ${obecName} (Karlovarský kraj)`);
      expect(mail.from?.value[0]).toEqual({ name: 'Karlovarský kraj', address: 'hlucha@kr-karlovarsky.cz' });
      expect(mail.text).toContain(`s rolí:\n\n  starosta / starostka obce ${obecName} (Karlovarský kraj)`);
      expect(mail.text).toContain('https://hm.kraj.example.cz/?prihlasit=starostka%40obec.example.cz\n');
      expect(mail.text).toContain('stiskněte „Poslat přihlašovací odkaz“');
      expect(mail.text).not.toContain('/api/auth/magic-link'); // no short-lived link that would be expired when read

      // The same role again: nothing new, no second mail; --invite sends it again on purpose.
      const again = await cli(['users', 'add', '--email', 'starostka@obec.example.cz', '--role', 'mayor', '--obec', obec], env);
      expect(lastJson(again.stdout)).toMatchObject({ added: false, invited: false });
      const resent = await cli(['users', 'add', '--email', 'starostka@obec.example.cz', '--role', 'mayor', '--obec', obec, '--invite'], env);
      expect(lastJson(resent.stdout)).toMatchObject({ added: false, invited: true });
      await smtp.until(2);
      expect(smtp.received).toHaveLength(2);

      // In English, for a BCO coordinator; --no-invite grants without a mail.
      const english = await cli(['users', 'add', '--email', 'bco@mv.example.cz', '--role', 'bco', '--kraj', 'cz041', '--lang', 'en'], {
        ...env,
        HLUCHA_PUBLIC_URL: 'https://hm.kraj.example.cz',
      });
      expect(lastJson(english.stdout)).toMatchObject({ role: 'bco', kraj: 'CZ041', invited: true });
      const [, , bco] = await smtp.until(3);
      expect(bco!.mail.subject).toBe('Invitation to Hluchá místa: BCO coordinator for Karlovarský kraj');
      expect(bco!.mail.text).toContain('https://hm.kraj.example.cz/?prihlasit=bco%40mv.example.cz\n');
      expect(bco!.mail.text).toContain('press "Send a sign-in link"');
      const silent = await cli(['users', 'add', '--email', 'gis@kr.example.cz', '--role', 'kraj', '--kraj', 'CZ041', '--no-invite'], env);
      expect(lastJson(silent.stdout)).toMatchObject({ added: true, invited: false });
      expect(smtp.received).toHaveLength(3);
    } finally {
      await smtp.close();
    }
  });

  it('users add with the SMTP server down: the role is granted, the command says the invitation was not sent (exit 1, coded)', async () => {
    const result = await cli(['users', 'add', '--email', 'pozdeji@obec.example.cz', '--role', 'mayor', '--obec', obec], {
      SMTP_URL: `smtp://127.0.0.1:${await closedPort()}`,
    });
    expect(result.code).toBe(1);
    expect(lastJson(result.stdout)).toMatchObject({ added: true, invited: false, mailError: 'mail.unreachable' });
    expect(result.stderr).toContain('send it again with --invite');
    const rows = await t.workspace.owner.query(
      `SELECT m.role FROM hlucha.memberships m JOIN hlucha.users u ON u.id = m.user_id WHERE u.email = 'pozdeji@obec.example.cz'`,
    );
    expect(rows.rows).toEqual([{ role: 'mayor' }]);
  });

  it('without SMTP the invitation is a file in the outbox (development)', async () => {
    const outbox = mkdtempSync(path.join(tmpdir(), 'hlucha-invite-outbox-'));
    try {
      const result = await cli(['users', 'add', '--email', 'admin@kr.example.cz', '--role', 'admin', '--kraj', 'CZ041', '--mail-outbox', outbox]);
      expect(lastJson(result.stdout)).toMatchObject({ invited: true });
      const files = readdirSync(outbox);
      expect(files).toHaveLength(1);
      const mail = await simpleParser(readFileSync(path.join(outbox, files[0]!)));
      expect(mail.subject).toBe('Pozvánka do Hluchých míst: správce / správkyně pracovního prostoru, Karlovarský kraj');
      expect(mail.text).toContain('http://localhost:8080/?prihlasit=admin%40kr.example.cz');
    } finally {
      rmSync(outbox, { recursive: true, force: true });
    }
  });

  it('users remove takes one role back at once; without --role every role, the sessions and tokens go', async () => {
    const person = await t.addUser('dvojrole@obec.example.cz', 'mayor', { obec });
    await t.addUser('dvojrole@obec.example.cz', 'kraj', { kraj: 'CZ041' });
    const server = await startServer({ port: 0, workspace: t.workspace, mailOutbox: mkdtempSync(path.join(tmpdir(), 'hlucha-unused-')) });
    try {
      const roles = async () => ((await api(server.url, '/api/auth/me', { token: person.token })).body as { memberships: Array<{ role: string }> }).memberships;
      expect((await roles()).map((m) => m.role).sort()).toEqual(['kraj', 'mayor']);

      const removed = await cli(['users', 'remove', '--email', 'dvojrole@obec.example.cz', '--role', 'kraj', '--kraj', 'CZ041']);
      expect(removed.code).toBe(0);
      expect(lastJson(removed.stdout)).toEqual({ email: 'dvojrole@obec.example.cz', removed: [{ role: 'kraj', kraj: 'CZ041', obec: null }], signedOut: false });
      expect((await roles()).map((m) => m.role)).toEqual(['mayor']);
      expect((await api(server.url, '/api/packages', { token: person.token })).body).toEqual({ packages: [] });

      const none = await cli(['users', 'remove', '--email', 'dvojrole@obec.example.cz', '--role', 'bco', '--kraj', 'CZ041']);
      expect(none.code).toBe(1);
      expect(none.stderr).toContain('has no such role');

      const all = await cli(['users', 'remove', '--email', 'dvojrole@obec.example.cz']);
      expect(all.code).toBe(0);
      expect(lastJson(all.stdout)).toMatchObject({ removed: [{ role: 'mayor', kraj: 'CZ041', obec }], signedOut: true });
      const revoked = await api(server.url, '/api/auth/me', { token: person.token });
      expect([revoked.status, revoked.body]).toEqual([401, { code: 'auth.badToken' }]);
    } finally {
      await server.close();
    }
  });

  it('serve sends the sign-in link by SMTP; with the SMTP server refusing or gone, the answer is still 202 like any address and the log says why', async () => {
    const smtp = await startSmtp();
    const lines: string[] = [];
    await t.addUser('prihlaseni@obec.example.cz', 'mayor', { obec });
    const server = await startServer({
      port: 0,
      workspace: t.workspace,
      smtpUrl: smtp.url,
      mailFrom: 'Hluchá místa <hm@kr.example.cz>',
      log: (l) => lines.push(l),
    });
    try {
      const sent = await api(server.url, '/api/auth/magic-link', { body: { email: 'prihlaseni@obec.example.cz' } });
      expect(sent.status).toBe(202);
      const [message] = await smtp.until(1);
      expect(message!.mail.subject).toBe('Přihlášení do Hluchých míst / Sign in to Hluchá místa');
      const link = /(http:\/\/\S+\/api\/auth\/magic-link\/callback\?token=[\w-]+)\n/.exec(message!.mail.text ?? '')![1]!;
      const signedIn = await fetch(link, { redirect: 'manual', headers: { accept: 'application/json' } });
      expect(signedIn.headers.get('set-cookie')).toContain('hm_session=');
    } finally {
      await server.close();
      await smtp.close();
    }

    const refusing = await startSmtp({ refuseRecipients: true });
    for (const [url, code] of [
      [refusing.url, 'mail.refused'],
      [`smtp://127.0.0.1:${await closedPort()}`, 'mail.unreachable'],
    ] as const) {
      const failing = await startServer({ port: 0, workspace: t.workspace, smtpUrl: url, log: (l) => lines.push(l) });
      try {
        const known = await api(failing.url, '/api/auth/magic-link', { body: { email: 'prihlaseni@obec.example.cz' } });
        const unknown = await api(failing.url, '/api/auth/magic-link', { body: { email: 'nikdo@obec.example.cz' } });
        expect([known.status, known.body]).toEqual([202, { sent: true }]);
        expect([unknown.status, unknown.body]).toEqual([known.status, known.body]);
        while (!lines.some((l) => l.includes(code))) await new Promise((resolve) => setTimeout(resolve, 50));
        expect(lines.find((l) => l.includes(code))).toMatch(
          new RegExp(`^mail: sign-in link to prihlaseni@obec\\.example\\.cz not sent: ${code.replace('.', '\\.')}: `),
        );
      } finally {
        await failing.close();
      }
    }
    await refusing.close();
    expect(refusing.received).toEqual([]);
  });
});
