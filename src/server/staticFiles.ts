/**
 * The built app (dist/) as the shared server serves it: compressed, because the mayor it serves is the one with the
 * weakest signal (README, "Fast on a weak signal": ~2.5 MB of JavaScript and the kraj's boundaries before the first
 * map shrink to ~0.7 MB with gzip, less with Brotli).
 *
 * - Brotli when the browser accepts it, else gzip, else the file as it is; `Vary: Accept-Encoding` always.
 * - Each file is compressed once, off the event loop (zlib's thread pool), and kept in memory with its
 *   modification time and size: a rebuilt dist/ is served anew, and requests that arrive while a file is being
 *   compressed share that work. What is kept is bounded by dist/ itself.
 * - Hashed assets (/assets/) are cached for good by browsers, everything else is revalidated; a path that names
 *   no file is the app (index.html), whose text `transformHtml` may change (once per build).
 * - Paths outside the folder are refused (404), as are names that cannot be decoded.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.geojson': 'application/geo+json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.pbf': 'application/x-protobuf',
  '.txt': 'text/plain; charset=utf-8',
  '.ttf': 'font/ttf',
};
/** Text and code: worth compressing (images, fonts in woff2 and tiles are compressed already). */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.geojson', '.webmanifest', '.svg', '.wasm', '.txt', '.ttf']);
/** Below this a compressed answer saves less than its headers cost. */
const MIN_COMPRESS_BYTES = 1024;
/** Brotli's best quality is slow on megabytes (the kraj's address points): above this size a faster one. */
const BROTLI_BEST_UP_TO = 1024 * 1024;

export type Encoding = 'br' | 'gzip' | 'identity';

export interface StaticAnswer {
  status: 200 | 404;
  body: Uint8Array | string;
  headers: Record<string, string>;
}

interface Variants {
  mtimeMs: number;
  size: number;
  identity: Uint8Array;
  br: Promise<Uint8Array> | null;
  gzip: Promise<Uint8Array> | null;
}

/** The encoding to answer with, from an Accept-Encoding header (q=0 refuses one). */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...parameters] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = parameters.map((parameter) => /^\s*q=([0-9.]+)\s*$/.exec(parameter)?.[1]).find((value) => value !== undefined);
    accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const weight = (name: string) => accepted.get(name) ?? (accepted.has('*') ? accepted.get('*')! : 0);
  if (weight('br') > 0) return 'br';
  if (weight('gzip') > 0) return 'gzip';
  return 'identity';
}

export function staticFiles(folder: string, options: { transformHtml?: (html: string) => string } = {}) {
  const root = path.resolve(folder);
  const cache = new Map<string, Variants>();

  async function variantsOf(file: string): Promise<Variants | null> {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(file);
    } catch {
      return null;
    }
    if (!info.isFile()) return null;
    const known = cache.get(file);
    if (known && known.mtimeMs === info.mtimeMs && known.size === info.size) return known;
    let bytes: Uint8Array = await readFile(file);
    if (path.basename(file) === 'index.html' && options.transformHtml) bytes = Buffer.from(options.transformHtml(Buffer.from(bytes).toString('utf8')));
    const variants: Variants = { mtimeMs: info.mtimeMs, size: info.size, identity: bytes, br: null, gzip: null };
    cache.set(file, variants);
    return variants;
  }

  function encoded(variants: Variants, encoding: Exclude<Encoding, 'identity'>): Promise<Uint8Array> {
    if (encoding === 'br') {
      variants.br ??= brotli(variants.identity, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: variants.identity.length <= BROTLI_BEST_UP_TO ? constants.BROTLI_MAX_QUALITY : 9,
          [constants.BROTLI_PARAM_SIZE_HINT]: variants.identity.length,
        },
      }).catch((error: unknown) => {
        variants.br = null; // tried again by the next request
        throw error;
      });
      return variants.br;
    }
    variants.gzip ??= gzipped(variants.identity, { level: 9 }).catch((error: unknown) => {
      variants.gzip = null;
      throw error;
    });
    return variants.gzip;
  }

  /** The answer to GET `pathname` (as requested, still percent-encoded) for a browser that sent `acceptEncoding`. */
  return async function respond(pathname: string, acceptEncoding: string | undefined): Promise<StaticAnswer> {
    const notFound: StaticAnswer = { status: 404, body: 'Not found', headers: { 'Content-Type': 'text/plain; charset=utf-8' } };
    let requested: string;
    try {
      requested = decodeURIComponent(pathname);
    } catch {
      return notFound;
    }
    let file = path.resolve(root, `.${requested}`);
    if (!file.startsWith(root + path.sep) && file !== root) return notFound;
    let variants = await variantsOf(file);
    if (!variants) {
      file = path.join(root, 'index.html');
      variants = await variantsOf(file);
      if (!variants) return notFound;
    }
    const extension = path.extname(file);
    const headers: Record<string, string> = {
      'Content-Type': TYPES[extension] ?? 'application/octet-stream',
      'Cache-Control': file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      Vary: 'Accept-Encoding',
    };
    const encoding = COMPRESSIBLE.has(extension) && variants.identity.length >= MIN_COMPRESS_BYTES ? chooseEncoding(acceptEncoding) : 'identity';
    if (encoding === 'identity') return { status: 200, body: variants.identity, headers };
    const body = await encoded(variants, encoding);
    return { status: 200, body, headers: { ...headers, 'Content-Encoding': encoding } };
  };
}
