/**
 * Hostile and broken files, generated (never taken from anywhere): the classes of issue 18 for every importer, and
 * the random mutations the fuzz tests apply (truncations, byte flips, encodings, nesting, sizes). Deterministic for
 * a seed (src/core/random/seededRandom.ts). tests/fixtures/hostile/generate.ts writes the small ones to disk as
 * the committed corpus; the large ones (tens of MB of one line, 20,000 entries) are made at test time.
 */
import { deflateSync, strToU8, zipSync, type Zippable } from 'fflate';

export type Rng = () => number;

/** Every ZIP made here has this timestamp, so the same seed writes the same bytes. */
export const FIXED_TIME = { mtime: new Date(2026, 0, 1) };

/** A small seeded generator (mulberry32), independent of the app's so tests can make many streams. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

export function utf16le(text: string, bom = true): Uint8Array {
  const out = new Uint8Array((bom ? 2 : 0) + text.length * 2);
  let at = 0;
  if (bom) {
    out[0] = 0xff;
    out[1] = 0xfe;
    at = 2;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[at++] = c & 0xff;
    out[at++] = c >> 8;
  }
  return out;
}

export function utf16be(text: string): Uint8Array {
  const le = utf16le(text, false);
  const out = new Uint8Array(2 + le.length);
  out[0] = 0xfe;
  out[1] = 0xff;
  for (let i = 0; i < le.length; i += 2) {
    out[2 + i] = le[i + 1]!;
    out[3 + i] = le[i]!;
  }
  return out;
}

export function withBom(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(bytes, 3);
  return out;
}

export function junk(random: Rng, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = Math.floor(random() * 256);
  return out;
}

/** A ZIP of one entry `name` holding `size` zero bytes (or a repeated line): kilobytes that inflate to megabytes. */
export function zipBomb(name: string, size: number, line = ''): Uint8Array {
  const data = line ? utf8(line.repeat(Math.ceil(size / line.length)).slice(0, size)) : new Uint8Array(size);
  return zipSync({ [name]: [data, { level: 9 }] } as Zippable, FIXED_TIME);
}

/** A ZIP with `count` small entries, each a copy of `body`. */
export function manyEntryZip(count: number, body: Uint8Array, name = (i: number) => `part-${i}.csv`): Uint8Array {
  const files: Zippable = {};
  for (let i = 0; i < count; i++) files[name(i)] = [body, { level: 0 }];
  return zipSync(files, FIXED_TIME);
}

/**
 * A ZIP whose central directory lists the same name twice (the first entry forged): fflate's writer refuses that,
 * so the second entry is renamed in the written bytes (names of equal length).
 */
export function duplicateNameZip(name: string, forged: Uint8Array, real: Uint8Array, otherFiles: Record<string, Uint8Array> = {}): Uint8Array {
  const placeholder = name.replace(/.$/, name.endsWith('X') ? 'Y' : 'X');
  const zip = zipSync({ [name]: forged, [placeholder]: real, ...otherFiles }, FIXED_TIME);
  const from = utf8(placeholder);
  const to = utf8(name);
  for (let i = 0; i + from.length <= zip.length; i++) {
    let match = true;
    for (let k = 0; k < from.length && match; k++) if (zip[i + k] !== from[k]) match = false;
    if (match) zip.set(to, i);
  }
  return zip;
}

/** Random mutations the fuzz tests apply to a valid file. */
export function mutate(random: Rng, bytes: Uint8Array): { kind: string; bytes: Uint8Array } {
  const choice = Math.floor(random() * 8);
  const at = Math.floor(random() * Math.max(1, bytes.length));
  switch (choice) {
    case 0:
      return { kind: 'truncate', bytes: bytes.slice(0, at) };
    case 1: {
      const out = bytes.slice();
      const flips = 1 + Math.floor(random() * 16);
      for (let k = 0; k < flips; k++) out[Math.floor(random() * out.length)] = Math.floor(random() * 256);
      return { kind: 'flip', bytes: out };
    }
    case 2: {
      const out = new Uint8Array(bytes.length + 64);
      out.set(bytes.subarray(0, at));
      out.set(junk(random, 64), at);
      out.set(bytes.subarray(at), at + 64);
      return { kind: 'insert', bytes: out };
    }
    case 3:
      return { kind: 'utf16', bytes: utf16le(new TextDecoder().decode(bytes)) };
    case 4:
      return { kind: 'bom', bytes: withBom(bytes) };
    case 5: {
      const out = bytes.slice();
      for (let k = 0; k < 8; k++) out[Math.floor(random() * out.length)] = 0;
      return { kind: 'nul', bytes: out };
    }
    case 6:
      return { kind: 'duplicate', bytes: new Uint8Array([...bytes.subarray(0, at), ...bytes.subarray(Math.floor(at / 2))]) };
    default:
      return { kind: 'junk', bytes: junk(random, 1 + Math.floor(random() * 2048)) };
  }
}

/** JSON nested `depth` arrays deep. */
export function deepJson(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

/** A deflated blob of `size` zeros (raw DEFLATE), for hand-made archives. */
export function deflatedZeros(size: number): Uint8Array {
  return deflateSync(new Uint8Array(size), { level: 9 });
}

export { strToU8 };
