/**
 * The submission package as a ZIP (fflate): deterministic — files in name order, every timestamp set to the
 * package's generated-at — so the same data, selection and generated-at give a byte-identical ZIP. Files are
 * compressed in workers as soon as they are added (PackageZipWriter), while the next ones are built. The manifest
 * lists the SHA-256 of every other file, and verifyPackage finds a file changed after the fact.
 */
import { gzip, gzipSync, Zip, type ZipInputFile } from 'fflate';
import { parseJsonBounded, unzipBounded, zipBudget } from '../limits/boundedInput.ts';
import { INPUT_LIMITS } from '../limits/inputLimits.ts';

export interface PackageFile {
  name: string;
  bytes: Uint8Array;
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export const MANIFEST_NAME = 'manifest.json';

/**
 * DEFLATE level of every file. Measured on the 10,000-report package's five large files (fflate, one warm thread):
 * level 6 672 ms → 5.79 MB, level 4 535 ms → 6.19 MB, level 1 467 ms → 6.83 MB. Level 4 keeps the ZIP within 7 %
 * of level 6 for a fifth less compression time (the package benchmark's goal); the bytes are as deterministic.
 */
export const PACKAGE_DEFLATE_LEVEL = 4;
const LEVEL = PACKAGE_DEFLATE_LEVEL;
/** Smaller files are compressed on this thread: starting a worker costs more than it saves (fflate's zip does the same). */
const WORKER_MIN_BYTES = 160_000;

interface CompressedFile {
  /** Raw DEFLATE stream, as a ZIP entry holds it. */
  deflated: Uint8Array;
  crc: number;
  size: number;
}

/**
 * fflate's gzip gives the raw DEFLATE stream (between the 10-byte header and the 8-byte trailer) and, in the trailer,
 * the CRC-32 the ZIP entry needs, so a worker computes both. The stream is exactly deflateSync's at the same level.
 */
function fromGzip(gz: Uint8Array, size: number): CompressedFile {
  const end = gz.length - 8;
  const crc = (gz[end]! | (gz[end + 1]! << 8) | (gz[end + 2]! << 16) | (gz[end + 3]! << 24)) >>> 0;
  return { deflated: gz.subarray(10, end), crc, size };
}

/**
 * Where the files are compressed. The default is fflate's own: a new worker per file (worker_threads in Node, a
 * Web Worker in the browser, nested inside the package worker). Node's CLI passes a kept, warm helper thread instead
 * (src/worker/packageThread.ts). Whatever compresses, it must give fflate's gzip of the bytes at `level` with
 * mtime 0 (gzipSync's bytes), so the ZIP is the same.
 */
export interface Compressor {
  gzip(bytes: Uint8Array, level: number): Promise<Uint8Array>;
  /** Called when the caller has nothing left to build: compress whatever still waits, on this thread. */
  flush?(): void;
}

const fflateWorkers: Compressor = {
  gzip: (bytes, level) =>
    new Promise((resolve) => {
      const here = () => gzipSync(bytes, { level: level as 6, mtime: 0 });
      try {
        gzip(bytes, { level: level as 6, mtime: 0 }, (error, data) => resolve(error ? here() : data));
      } catch {
        resolve(here());
      }
    }),
};

function compress(bytes: Uint8Array, compressor: Compressor): Promise<CompressedFile> {
  if (bytes.length < WORKER_MIN_BYTES) return Promise.resolve(fromGzip(gzipSync(bytes, { level: LEVEL, mtime: 0 }), bytes.length));
  return compressor.gzip(bytes, LEVEL).then((gz) => fromGzip(gz, bytes.length));
}

/** ZIP stores a wall-clock time (to 2 s) read through the local time zone. A Date whose local fields are generated-at's
 * UTC fields makes every machine, whatever its zone, write the same bytes (and the UTC time). */
function zipTime(generatedAt: string): Date {
  const utc = new Date(generatedAt);
  return new Date(utc.getUTCFullYear(), utc.getUTCMonth(), utc.getUTCDate(), utc.getUTCHours(), utc.getUTCMinutes(), utc.getUTCSeconds());
}

/** The archive from compressed entries, in the given order, written by fflate's Zip (entries with data descriptors). */
function writeArchive(entries: ReadonlyArray<readonly [string, CompressedFile]>, mtime: Date): Uint8Array {
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const archive = new Zip((error, chunk) => {
    if (error) failure = error;
    else chunks.push(chunk);
  });
  for (const [name, compressed] of entries) {
    const entry: ZipInputFile = { filename: name, size: compressed.size, crc: compressed.crc, compression: 8, flag: 0, mtime };
    archive.add(entry);
    entry.ondata!(null, compressed.deflated as Uint8Array<ArrayBuffer>, true);
  }
  archive.end();
  if (failure) throw failure;
  const zip = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    zip.set(chunk, offset);
    offset += chunk.length;
  }
  return zip;
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The package ZIP, written while its files are still being built: each added file is hashed (Web Crypto, off the
 * JavaScript thread) and compressed (a worker) at once, so the compression of the first files runs beside the
 * building of the later ones. A file may also be added as a promise (the PDF from its own worker). finish() waits
 * for all, writes manifest.json (the SHA-256 of every file) and the archive. Deterministic: files in name order,
 * then manifest.json; every timestamp is generated-at; the order in which files were added does not matter.
 */
export class PackageZipWriter {
  private readonly files = new Map<string, Promise<{ sha256: string; compressed: CompressedFile }>>();

  constructor(
    private readonly generatedAt: string,
    private readonly compressor: Compressor = fflateWorkers,
  ) {}

  add(file: { name: string; bytes: Uint8Array | Promise<Uint8Array> }): void {
    if (this.files.has(file.name) || file.name === MANIFEST_NAME) throw new Error(`Duplicate file in the package: ${file.name}`);
    // Started now, not in a later microtask: the caller goes on building synchronously, and the worker should not wait for it.
    const start = (bytes: Uint8Array) =>
      Promise.all([sha256Hex(bytes), compress(bytes, this.compressor)]).then(([sha256, compressed]) => ({ sha256, compressed }));
    const entry = file.bytes instanceof Uint8Array ? start(file.bytes) : file.bytes.then(start);
    entry.catch(() => undefined); // awaited in finish(); this only keeps a failure meanwhile from counting as unhandled
    this.files.set(file.name, entry);
  }

  async finish(manifestBody: Record<string, unknown>): Promise<Uint8Array> {
    this.compressor.flush?.();
    const names = [...this.files.keys()].sort(byName);
    const done = await Promise.all(names.map((name) => this.files.get(name)!));
    const checksums: Record<string, { sha256: string; bytes: number }> = {};
    names.forEach((name, i) => (checksums[name] = { sha256: done[i]!.sha256, bytes: done[i]!.compressed.size }));
    const manifest = new TextEncoder().encode(`${JSON.stringify({ ...manifestBody, files: checksums }, null, 2)}\n`);
    const entries = names.map((name, i) => [name, done[i]!.compressed] as const);
    return writeArchive([...entries, [MANIFEST_NAME, await compress(manifest, this.compressor)]], zipTime(this.generatedAt));
  }
}

/** Adds `files` (name → sha256, bytes) to the manifest body, writes it as manifest.json, and zips everything. */
export async function buildZip(files: readonly PackageFile[], manifestBody: Record<string, unknown>, generatedAt: string): Promise<Uint8Array> {
  const writer = new PackageZipWriter(generatedAt);
  for (const file of files) writer.add(file);
  return writer.finish(manifestBody);
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
  // Bounded (src/core/limits): entries, declared and inflated bytes, duplicate names; a bad manifest is a code.
  const fail = (code: 'package.notZip' | 'package.noManifest'): PackageVerification => ({ ok: false, changed: [], missing: [], unlisted: [], code });
  const unzipped = unzipBounded(zip, zipBudget(INPUT_LIMITS.zip.inflatedBytes.package));
  if (!unzipped.ok) return fail('package.notZip');
  const entries = unzipped.files;
  const manifestBytes = entries.get(MANIFEST_NAME);
  if (!manifestBytes) return fail('package.noManifest');
  const manifest = parseJsonBounded(new TextDecoder().decode(manifestBytes));
  const files = manifest.ok && typeof manifest.value === 'object' && manifest.value !== null ? (manifest.value as { files?: unknown }).files : null;
  if (typeof files !== 'object' || files === null || Array.isArray(files)) return fail('package.noManifest');
  const listed = new Map<string, unknown>(Object.entries(files));
  const changed: string[] = [];
  const missing: string[] = [];
  for (const [name, entry] of listed) {
    const sha256 = typeof entry === 'object' && entry !== null ? (entry as { sha256?: unknown }).sha256 : undefined;
    const bytes = entries.get(name);
    if (!bytes) missing.push(name);
    else if (typeof sha256 !== 'string' || (await sha256Hex(bytes)) !== sha256) changed.push(name);
  }
  const unlisted = [...entries.keys()].filter((name) => name !== MANIFEST_NAME && !listed.has(name) && !name.endsWith('/'));
  return { ok: changed.length === 0 && missing.length === 0 && unlisted.length === 0, changed, missing, unlisted, code: null };
}
