/**
 * The names of a ZIP's entries from its central directory, reading only the file's tail and the directory (never
 * the whole file: a NetTest month is hundreds of MB). `read(start, end)` gives bytes of the file (a Blob slice in
 * the browser, a file handle in Node). Null when the bytes are not a ZIP this can read (ZIP64 included: its
 * directory is found through the ZIP64 locator).
 */
const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL_HEADER = 0x02014b50;
/** The end record (22 bytes) plus the longest comment. */
const TAIL = 22 + 0xffff;
/** Past this many names the directory is not a package's, nor worth reading further. */
const MAX_NAMES = 10_000;

export async function zipEntryNames(size: number, read: (start: number, end: number) => Promise<Uint8Array>): Promise<string[] | null> {
  if (size < 22) return null;
  const tailStart = Math.max(0, size - TAIL);
  const tail = await read(tailStart, size);
  const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (view.getUint32(i, true) === EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0) return null;
  let entries = view.getUint16(at + 10, true);
  let directorySize = view.getUint32(at + 12, true);
  let directoryOffset = view.getUint32(at + 16, true);
  if ((directoryOffset === 0xffffffff || entries === 0xffff) && at >= 20 && view.getUint32(at - 20, true) === ZIP64_LOCATOR) {
    const recordOffset = Number(view.getBigUint64(at - 20 + 8, true));
    const record = await read(recordOffset, recordOffset + 56);
    const r = new DataView(record.buffer, record.byteOffset, record.byteLength);
    if (record.length < 56 || r.getUint32(0, true) !== ZIP64_EOCD) return null;
    entries = Number(r.getBigUint64(32, true));
    directorySize = Number(r.getBigUint64(40, true));
    directoryOffset = Number(r.getBigUint64(48, true));
  }
  if (directoryOffset + directorySize > size || entries > MAX_NAMES) return null;
  const directory = await read(directoryOffset, directoryOffset + directorySize);
  const d = new DataView(directory.buffer, directory.byteOffset, directory.byteLength);
  const names: string[] = [];
  const decoder = new TextDecoder();
  let offset = 0;
  while (names.length < entries && offset + 46 <= directory.length) {
    if (d.getUint32(offset, true) !== CENTRAL_HEADER) return null;
    const nameLength = d.getUint16(offset + 28, true);
    const extraLength = d.getUint16(offset + 30, true);
    const commentLength = d.getUint16(offset + 32, true);
    if (offset + 46 + nameLength > directory.length) return null;
    names.push(decoder.decode(directory.subarray(offset + 46, offset + 46 + nameLength)));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}
