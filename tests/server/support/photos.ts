/**
 * Image bytes for the photo tests, made here rather than stored: a real PNG (zlib and CRC-32 from Node), and bytes
 * that only begin like a JPEG or that are HTML posing as one.
 */
import { crc32, deflateSync } from 'node:zlib';

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

/** A valid RGB PNG of `width` × `height`: horizontal stripes of the given colours (something a person can recognise). */
export function pngBytes(
  width: number,
  height: number,
  colours: Array<[number, number, number]> = [
    [200, 30, 30],
    [250, 250, 250],
  ],
): Uint8Array {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    const [r, g, b] = colours[Math.floor((y / height) * colours.length) % colours.length]!;
    for (let x = 0; x < width; x++) row.set([r, g, b], 1 + x * 3);
    rows.push(row);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new Uint8Array(Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]));
}

/** Bytes that begin as a JPEG does (SOI + APP0), `size` long: what the server's check by the first bytes accepts. */
export function jpegLikeBytes(size: number, seed = 1): Uint8Array {
  const bytes = new Uint8Array(size);
  bytes.set([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);
  for (let i = 11; i < size - 2; i++) bytes[i] = (i * 31 + seed * 7) & 0xff;
  bytes.set([0xff, 0xd9], size - 2);
  return bytes;
}

export const HTML_AS_JPEG = new TextEncoder().encode('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>');

export function dataUrlOf(mimeType: string, bytes: Uint8Array): string {
  return `data:${mimeType};base64,${Buffer.from(bytes).toString('base64')}`;
}
