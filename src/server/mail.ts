/**
 * Outgoing mail: sign-in links and invitations. Two transports, chosen by the same options in `serve` and `users`:
 * an SMTP server (`--smtp URL` / `SMTP_URL`, smtp:// or smtps://, sender `--mail-from` / `MAIL_FROM`; nodemailer
 * writes the MIME: UTF-8 subject as an encoded word, text/plain; charset=utf-8), or, the default for development
 * and the tests, a folder where each message is a file (`--mail-outbox DIR`) that a person can open and follow.
 * A failure is a MailError with a code (`mail.unreachable`, `mail.refused`, `mail.authFailed`, `mail.failed`).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface MailTransport {
  /** Resolves when the message was handed over (written, or accepted by the SMTP server); rejects with a MailError. */
  send(message: MailMessage): Promise<void>;
  /** Where mail goes, for the start-up line (never the SMTP password). */
  readonly description: string;
  close?(): void;
}

export const DEFAULT_MAIL_FROM = 'Hluchá místa <noreply@localhost>';

export type MailFailureCode =
  /** No connection to the SMTP server (refused, DNS, timeout, TLS). */
  | 'mail.unreachable'
  /** The SMTP server answered but refused the sender, the recipient or the message. */
  | 'mail.refused'
  /** The SMTP server refused the login of the URL. */
  | 'mail.authFailed'
  | 'mail.failed';

export class MailError extends Error {
  constructor(
    readonly code: MailFailureCode,
    detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'MailError';
  }
}

/** Writes each message as an RFC 5322 text file (.eml), named by time, into `dir` (8-bit body: links stay readable). */
export function fileOutbox(dir: string, from = DEFAULT_MAIL_FROM): MailTransport {
  mkdirSync(dir, { recursive: true });
  return {
    description: `files in ${path.relative(process.cwd(), dir) || '.'}`,
    async send(message) {
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.eml`;
      const subject = `=?UTF-8?B?${Buffer.from(message.subject).toString('base64')}?=`;
      const body = [
        `To: ${message.to}`,
        `From: ${encodeAddress(from)}`,
        `Subject: ${subject}`,
        `Date: ${new Date().toUTCString()}`,
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: 8bit',
        '',
        message.text,
        '',
      ].join('\r\n');
      try {
        writeFileSync(path.join(dir, name), body, { mode: 0o600 });
      } catch (error) {
        throw new MailError('mail.failed', error instanceof Error ? error.message : String(error));
      }
    },
  };
}

/** `Name <addr>` with a non-ASCII name as an encoded word. */
function encodeAddress(address: string): string {
  const match = /^\s*(.*?)\s*<([^>]+)>\s*$/.exec(address);
  if (!match || /^[\x20-\x7e]*$/.test(match[1]!)) return address;
  return `=?UTF-8?B?${Buffer.from(match[1]!).toString('base64')}?= <${match[2]}>`;
}

export type SmtpUrlCheck = { ok: true; url: URL } | { ok: false; code: 'mail.badSmtpUrl' };

/** smtp://[user:password@]host[:port] (STARTTLS when offered) or smtps:// (TLS from the start, port 465). */
export function checkSmtpUrl(text: string): SmtpUrlCheck {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, code: 'mail.badSmtpUrl' };
  }
  if ((url.protocol !== 'smtp:' && url.protocol !== 'smtps:') || url.hostname === '') return { ok: false, code: 'mail.badSmtpUrl' };
  return { ok: true, url };
}

const UNREACHABLE = new Set(['ECONNECTION', 'ETIMEDOUT', 'EDNS', 'ESOCKET', 'ETLS', 'ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENOTFOUND', 'EPROTOCOL']);

function mailFailure(error: unknown): MailError {
  const e = error as { code?: string; responseCode?: number; message?: string };
  const detail = e?.message ?? String(error);
  if (e?.code === 'EAUTH') return new MailError('mail.authFailed', detail);
  if (e?.code === 'EENVELOPE' || e?.code === 'EMESSAGE' || (typeof e?.responseCode === 'number' && e.responseCode >= 400))
    return new MailError('mail.refused', detail);
  if (e?.code && UNREACHABLE.has(e.code)) return new MailError('mail.unreachable', detail);
  return new MailError('mail.failed', detail);
}

/** An SMTP transport (nodemailer). Bounded: 10 s to connect and greet, 30 s of silence ends the attempt. */
export function smtpTransport(smtpUrl: string, from = DEFAULT_MAIL_FROM): MailTransport {
  const check = checkSmtpUrl(smtpUrl);
  if (!check.ok) throw new MailError('mail.failed', 'mail.badSmtpUrl');
  const { url } = check;
  const secure = url.protocol === 'smtps:';
  const transporter = nodemailer.createTransport({
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    description: `SMTP ${url.protocol}//${url.host}`,
    async send(message) {
      try {
        await transporter.sendMail({ from, to: message.to, subject: message.subject, text: message.text, textEncoding: 'quoted-printable' });
      } catch (error) {
        throw mailFailure(error);
      }
    },
    close: () => transporter.close(),
  };
}

export interface MailSettings {
  /** --smtp / SMTP_URL; null: the file outbox. */
  smtpUrl?: string | null;
  /** --mail-outbox (the default transport's folder). */
  outbox: string;
  /** --mail-from / MAIL_FROM. */
  from?: string | null;
}

/** The transport the options name: SMTP when a URL is given, else the file outbox. */
export function mailTransport(settings: MailSettings): MailTransport {
  const from = settings.from || DEFAULT_MAIL_FROM;
  return settings.smtpUrl ? smtpTransport(settings.smtpUrl, from) : fileOutbox(settings.outbox, from);
}
