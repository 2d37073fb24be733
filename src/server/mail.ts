/** Outgoing mail. In development (and in the tests) each message is a file in a folder: --mail-outbox DIR. */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface MailTransport {
  send(message: MailMessage): Promise<void>;
}

/** Writes each message as an RFC 5322 text file (.eml), named by time, into `dir`. */
export function fileOutbox(dir: string): MailTransport {
  mkdirSync(dir, { recursive: true });
  return {
    async send(message) {
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.eml`;
      const subject = `=?UTF-8?B?${Buffer.from(message.subject).toString('base64')}?=`;
      const body = [
        `To: ${message.to}`,
        `From: Hluchá místa <noreply@localhost>`,
        `Subject: ${subject}`,
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: 8bit',
        '',
        message.text,
        '',
      ].join('\r\n');
      writeFileSync(path.join(dir, name), body, { mode: 0o600 });
    },
  };
}
