/**
 * The checks every reader shares, each enforcing a bound of INPUT_LIMITS while reading (never after): the encoding
 * of a text file's bytes (UTF-8 with or without BOM, UTF-16 by its BOM, windows-1250, or binary junk), the nesting
 * depth of JSON before JSON.parse sees it, line lengths as text streams by, and ZIP archives read through their
 * central directory (entry count, duplicate names, declared sizes) and inflated with a budget counted as bytes come.
 * Pure: codes out, nothing thrown.
 */
import { Unzip, UnzipInflate, unzipSync, type UnzipFile } from 'fflate';
import { INPUT_LIMITS } from './inputLimits.ts';

// ---------------------------------------------------------------------------------------------------------------
// Text

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1250';

export type DecodedInput = { ok: true; text: string; encoding: TextEncodingName } | { ok: false; code: 'binary' | 'empty' };

/** How many NUL bytes in the first 64 KB make a file binary rather than text (UTF-16 without BOM counts too). */
const NUL_SAMPLE = 65_536;

export function utf16Bom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/** UTF-16 without a BOM: every other byte of ASCII text is NUL. */
export function looksLikeBomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length & ~1, 512);
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.6 && evenNul < pairs * 0.1) return 'utf-16le';
  if (evenNul > pairs * 0.6 && oddNul < pairs * 0.1) return 'utf-16be';
  return null;
}

export function hasNulBytes(bytes: Uint8Array, limit = NUL_SAMPLE): boolean {
  const end = Math.min(bytes.length, limit);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return true;
  return false;
}

/**
 * A text file's bytes → text: UTF-16 by its BOM (Excel's "Unicode text", Notepad's "Unicode") or by its NUL pattern,
 * UTF-8 (BOM dropped) when valid, else windows-1250. NUL bytes in anything else mean binary junk (or a ZIP, a PDF…).
 */
export function decodeInputText(bytes: Uint8Array): DecodedInput {
  if (bytes.length === 0) return { ok: false, code: 'empty' };
  const utf16 = utf16Bom(bytes) ?? looksLikeBomlessUtf16(bytes);
  if (utf16) {
    const text = new TextDecoder(utf16).decode(bytes).replace(/^\uFEFF/, '');
    if (text.includes('\u0000')) return { ok: false, code: 'binary' };
    return { ok: true, text, encoding: utf16 };
  }
  if (hasNulBytes(bytes, bytes.length)) return { ok: false, code: 'binary' };
  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(hasBom ? bytes.subarray(3) : bytes), encoding: 'utf-8' };
  } catch {
    return { ok: true, text: new TextDecoder('windows-1250').decode(bytes), encoding: 'windows-1250' };
  }
}

export function isZipBytes(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05) && (bytes[3] === 0x04 || bytes[3] === 0x06);
}

/** Text with NUL and other C0 controls (but tab, CR, LF) removed: what a report field may hold. */
export function withoutControlCharacters(text: string): string {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text) ? text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '') : text;
}

/** The longest line of a text (characters between line ends), stopping as soon as `limit` is passed. */
export function longestLineExceeds(text: string, limit: number = INPUT_LIMITS.text.lineChars): boolean {
  let start = 0;
  const length = text.length;
  while (start < length) {
    let lf = text.indexOf('\n', start);
    if (lf < 0) lf = length;
    if (lf - start > limit) {
      // An old Mac file ends its lines with CR alone.
      let cr = text.indexOf('\r', start);
      let at = start;
      while (cr >= 0 && cr < lf) {
        if (cr - at > limit) return true;
        at = cr + 1;
        cr = text.indexOf('\r', at);
      }
      if (lf - at > limit) return true;
    }
    start = lf + 1;
  }
  return false;
}

/** Counts characters since the last line end across streamed chunks. */
export class LineLengthGuard {
  private current = 0;
  constructor(private readonly limit: number = INPUT_LIMITS.text.lineChars) {}
  /** False once a line is longer than the limit. */
  push(text: string): boolean {
    let last = -1;
    for (let i = text.length - 1; i >= 0; i--) {
      const c = text.charCodeAt(i);
      if (c === 10 || c === 13) {
        last = i;
        break;
      }
    }
    if (last < 0) {
      this.current += text.length;
      return this.current <= this.limit;
    }
    // The lines inside this chunk: the first continues the previous chunk's line.
    let start = 0;
    for (let i = 0; i <= last; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || c === 13) {
        const length = (start === 0 ? this.current : 0) + (i - start);
        if (length > this.limit) return false;
        start = i + 1;
      }
    }
    this.current = text.length - last - 1;
    return this.current <= this.limit;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// JSON

/**
 * Whether JSON text nests arrays/objects deeper than `limit` (strings skipped): checked before JSON.parse, so a
 * file of a million `[` never reaches code that walks it recursively.
 */
export function jsonDepthExceeds(text: string, limit: number = INPUT_LIMITS.json.depth): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > limit) return true;
    } else if (c === 93 || c === 125) depth--;
  }
  return false;
}

export type JsonReadResult = { ok: true; value: unknown } | { ok: false; code: 'notJson' | 'tooDeep' };

/** JSON.parse behind the depth check; never throws. */
export function parseJsonBounded(text: string, depth: number = INPUT_LIMITS.json.depth): JsonReadResult {
  if (jsonDepthExceeds(text, depth)) return { ok: false, code: 'tooDeep' };
  try {
    return { ok: true, value: JSON.parse(text.replace(/^\uFEFF/, '')) as unknown };
  } catch {
    return { ok: false, code: 'notJson' };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// ZIP

export type ZipProblem = 'zipBroken' | 'zipTooManyEntries' | 'zipDuplicateEntry' | 'zipTooLarge' | 'zipBomb';

export interface ZipBudget {
  entries: number;
  inflatedBytes: number;
  ratio: number;
  ratioAfterBytes: number;
}

export function zipBudget(inflatedBytes: number): ZipBudget {
  return { entries: INPUT_LIMITS.zip.entries, inflatedBytes, ratio: INPUT_LIMITS.zip.ratio, ratioAfterBytes: INPUT_LIMITS.zip.ratioAfterBytes };
}

/** Counts inflated bytes against the compressed bytes they came from, as a decompressor produces them. */
export class InflateMeter {
  inflated = 0;
  compressed = 0;
  constructor(private readonly budget: ZipBudget) {}
  /** The compressed bytes read so far (of the archive, or of one entry). */
  read(bytes: number): void {
    this.compressed += bytes;
  }
  /** Null while within the budget. */
  add(bytes: number): 'zipTooLarge' | 'zipBomb' | null {
    this.inflated += bytes;
    if (this.inflated > this.budget.inflatedBytes) return 'zipTooLarge';
    if (this.inflated > this.budget.ratioAfterBytes && this.inflated > this.budget.ratio * Math.max(1, this.compressed)) return 'zipBomb';
    return null;
  }
}

export interface ZipEntryInfo {
  name: string;
  /** Compressed bytes, as the central directory says. */
  size: number;
  /** Inflated bytes, as the central directory says (checked again while inflating). */
  originalSize: number;
}

/**
 * The archive's entries from its central directory, without inflating anything: refused when it is not a ZIP,
 * holds more entries than the budget, the same name twice (a checker and a reader could take different ones), or
 * declares more inflated bytes than the budget or the ratio allows.
 */
export function listZipEntries(zip: Uint8Array, budget: ZipBudget): { ok: true; entries: ZipEntryInfo[] } | { ok: false; code: ZipProblem } {
  const entries: ZipEntryInfo[] = [];
  const names = new Set<string>();
  let problem: ZipProblem | null = null;
  const stop = new Error('stop');
  try {
    unzipSync(zip, {
      filter: (file) => {
        // Thrown to end fflate's loop at once: a forged end record may claim billions of entries.
        if (names.has(file.name)) problem = 'zipDuplicateEntry';
        else if (entries.length >= budget.entries) problem = 'zipTooManyEntries';
        else if (!(file.originalSize >= 0 && file.size >= 0)) problem = 'zipBroken';
        if (problem) throw stop;
        names.add(file.name);
        entries.push({ name: file.name, size: file.size, originalSize: file.originalSize });
        return false;
      },
    });
  } catch (error) {
    if (error !== stop) return { ok: false, code: 'zipBroken' };
  }
  if (problem) return { ok: false, code: problem };
  const declared = entries.reduce((sum, e) => sum + e.originalSize, 0);
  if (declared > budget.inflatedBytes) return { ok: false, code: 'zipTooLarge' };
  if (declared > budget.ratioAfterBytes && declared > budget.ratio * Math.max(1, zip.length)) return { ok: false, code: 'zipBomb' };
  return { ok: true, entries };
}

/**
 * The entries `want` selects, inflated within the budget: the central directory is checked first (listZipEntries),
 * then each wanted entry is inflated into a buffer of its declared size and no more (fflate writes into the given
 * buffer), so memory is bounded by the declared sizes the budget allowed. Never throws.
 */
export function unzipBounded(
  zip: Uint8Array,
  budget: ZipBudget,
  want: (name: string) => boolean = () => true,
): { ok: true; files: Map<string, Uint8Array>; names: string[] } | { ok: false; code: ZipProblem } {
  const listed = listZipEntries(zip, budget);
  if (!listed.ok) return listed;
  try {
    const inflated = unzipSync(zip, { filter: (file) => want(file.name) });
    const files = new Map<string, Uint8Array>();
    for (const [name, bytes] of Object.entries(inflated)) files.set(name, bytes);
    return { ok: true, files, names: listed.entries.map((e) => e.name) };
  } catch {
    return { ok: false, code: 'zipBroken' };
  }
}

/**
 * Streams an archive's entries through fflate's Unzip with the meter counting inflated bytes as they come; `onEntry`
 * gets each entry's name and may return a sink for its bytes (or null to skip it). Used by readers that look inside
 * parts of a workbook without holding them.
 */
export function streamZipBounded(
  zip: Uint8Array,
  budget: ZipBudget,
  onEntry: (name: string) => ((chunk: Uint8Array, final: boolean) => boolean) | null,
): { ok: true; entries: number } | { ok: false; code: ZipProblem | 'stopped' } {
  const meter = new InflateMeter(budget);
  let entries = 0;
  let failure: ZipProblem | 'stopped' | null = null;
  const names = new Set<string>();
  const unzip = new Unzip((file: UnzipFile) => {
    if (failure) return;
    if (names.has(file.name)) return void (failure = 'zipDuplicateEntry');
    names.add(file.name);
    if (++entries > budget.entries) return void (failure = 'zipTooManyEntries');
    const sink = onEntry(file.name);
    if (!sink) return;
    file.ondata = (error, data, final) => {
      if (failure) return;
      if (error) return void (failure = 'zipBroken');
      const over = meter.add(data.length);
      if (over) {
        failure = over;
        file.terminate();
        return;
      }
      if (!sink(data, final)) {
        failure = 'stopped';
        file.terminate();
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  // Small slices: fflate inflates all it is given before it returns (deflate reaches ~1,000 : 1).
  const step = 4096;
  try {
    for (let at = 0; at < zip.length && !failure; at += step) {
      const end = Math.min(zip.length, at + step);
      meter.read(end - at);
      unzip.push(zip.subarray(at, end), end === zip.length);
    }
  } catch {
    failure ??= 'zipBroken';
  }
  return failure ? { ok: false, code: failure } : { ok: true, entries };
}
