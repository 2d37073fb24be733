/**
 * The submission package as a ZIP (fflate): deterministic — files in name order, every timestamp set to the
 * package's generated-at — so the same data, selection and generated-at give a byte-identical ZIP. The manifest
 * lists the SHA-256 of every other file, and verifyPackage finds a file changed after the fact.
 */
import { unzipSync, zip, zipSync, type Zippable } from 'fflate';

export interface PackageFile {
  name: string;
  bytes: Uint8Array;
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export const MANIFEST_NAME = 'manifest.json';

/** Adds `files` (name → sha256, bytes) to the manifest body, writes it as manifest.json, and zips everything. */
export async function buildZip(files: readonly PackageFile[], manifestBody: Record<string, unknown>, generatedAt: string): Promise<Uint8Array> {
  const sorted = [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const checksums: Record<string, { sha256: string; bytes: number }> = {};
  // Hashed concurrently: Web Crypto runs digests off the JavaScript thread (Node's thread pool, the browser's).
  const digests = await Promise.all(sorted.map((file) => sha256Hex(file.bytes)));
  sorted.forEach((file, i) => (checksums[file.name] = { sha256: digests[i]!, bytes: file.bytes.length }));
  const manifest = new TextEncoder().encode(`${JSON.stringify({ ...manifestBody, files: checksums }, null, 2)}\n`);
  // ZIP stores a wall-clock time (to 2 s) read through the local time zone. Build a Date whose local fields are
  // generated-at's UTC fields, so every machine, whatever its zone, writes the same bytes (and the UTC time).
  const utc = new Date(generatedAt);
  const mtime = new Date(utc.getUTCFullYear(), utc.getUTCMonth(), utc.getUTCDate(), utc.getUTCHours(), utc.getUTCMinutes(), utc.getUTCSeconds());
  const entries: Zippable = {};
  for (const file of [...sorted, { name: MANIFEST_NAME, bytes: manifest }]) entries[file.name] = [file.bytes, { mtime, level: 6 }];
  return deflateFiles(entries, mtime);
}

/**
 * fflate's asynchronous zip compresses the files in parallel workers (worker_threads in Node, Web Workers in the
 * browser, nested ones inside the package worker) and writes exactly the bytes zipSync writes (tested); where no
 * worker can be started it falls back to zipSync on this thread.
 */
export function deflateFiles(entries: Zippable, mtime: Date): Promise<Uint8Array> {
  return new Promise((resolve) => {
    try {
      zip(entries, { mtime, level: 6 }, (error, data) => resolve(error ? zipSync(entries, { mtime, level: 6 }) : data));
    } catch {
      resolve(zipSync(entries, { mtime, level: 6 }));
    }
  });
}

export interface PackageVerification {
  ok: boolean;
  /** Files whose SHA-256 differs from the manifest. */
  changed: string[];
  /** Files the manifest lists that are not in the ZIP. */
  missing: string[];
  /** Files in the ZIP the manifest does not list. */
  unlisted: string[];
  code: 'package.notZip' | 'package.noManifest' | null;
}

export async function verifyPackage(zip: Uint8Array): Promise<PackageVerification> {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip);
  } catch {
    return { ok: false, changed: [], missing: [], unlisted: [], code: 'package.notZip' };
  }
  const manifestBytes = entries[MANIFEST_NAME];
  if (!manifestBytes) return { ok: false, changed: [], missing: [], unlisted: [], code: 'package.noManifest' };
  const manifest = JSON.parse(new TextDecoder().decode(manifestBytes)) as { files?: Record<string, { sha256: string }> };
  const listed = manifest.files ?? {};
  const changed: string[] = [];
  const missing: string[] = [];
  for (const [name, { sha256 }] of Object.entries(listed)) {
    const bytes = entries[name];
    if (!bytes) missing.push(name);
    else if ((await sha256Hex(bytes)) !== sha256) changed.push(name);
  }
  const unlisted = Object.keys(entries).filter((name) => name !== MANIFEST_NAME && !(name in listed) && !name.endsWith('/'));
  return { ok: changed.length === 0 && missing.length === 0 && unlisted.length === 0, changed, missing, unlisted, code: null };
}
