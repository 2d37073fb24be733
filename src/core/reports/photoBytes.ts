/**
 * A report's photo as bytes: its type told by its first bytes (never by a name or a declared type alone), the limit
 * the shared workspace keeps photos under, and the obec file's data: URL to bytes and back. The server checks an
 * upload with these; the app encodes what it uploads and decodes what it downloads with them.
 */
import type { PhotoReference } from './report.ts';

export type PhotoMimeType = PhotoReference['mimeType'];
export const PHOTO_MIME_TYPES: readonly PhotoMimeType[] = ['image/jpeg', 'image/png', 'image/webp'];

/**
 * The most bytes one photo may have on the server. The app downscales to 1600 px JPEG at 0.8 (150–400 kB
 * typically, under 1 MiB even for a noisy picture); 2 MiB leaves room for a PNG or WebP from an obec file.
 */
export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;

export type PhotoBytesProblem = 'photo.unsupportedType' | 'photo.contentMismatch' | 'photo.tooLarge' | 'photo.empty';

export function isPhotoMimeType(value: unknown): value is PhotoMimeType {
  return typeof value === 'string' && (PHOTO_MIME_TYPES as readonly string[]).includes(value);
}

/** The image type the bytes begin with (JPEG SOI, the PNG signature, RIFF….WEBP), or null. */
export function photoTypeOfBytes(bytes: Uint8Array): PhotoMimeType | null {
  const at = (i: number) => bytes[i] ?? -1;
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'image/jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (png.every((b, i) => at(i) === b)) return 'image/png';
  const ascii = (from: number, text: string) => [...text].every((ch, i) => at(from + i) === ch.charCodeAt(0));
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'image/webp';
  return null;
}

/** Checks bytes declared as `mimeType`: a known type, not empty, within the limit, and the bytes are that type. */
export function checkPhotoBytes(mimeType: unknown, bytes: Uint8Array): { ok: true; mimeType: PhotoMimeType } | { ok: false; code: PhotoBytesProblem } {
  if (!isPhotoMimeType(mimeType)) return { ok: false, code: 'photo.unsupportedType' };
  if (bytes.length === 0) return { ok: false, code: 'photo.empty' };
  if (bytes.length > PHOTO_MAX_BYTES) return { ok: false, code: 'photo.tooLarge' };
  if (photoTypeOfBytes(bytes) !== mimeType) return { ok: false, code: 'photo.contentMismatch' };
  return { ok: true, mimeType };
}

/**
 * The bytes of a photo's data: URL (`data:<type>;base64,…`), checked as an upload is. Bounded: a URL longer than
 * the limit's base64 is refused before it is decoded.
 */
export function decodePhotoDataUrl(
  dataUrl: string,
): { ok: true; mimeType: PhotoMimeType; bytes: Uint8Array } | { ok: false; code: PhotoBytesProblem | 'photo.badDataUrl' } {
  const match = /^data:(image\/(?:jpeg|png|webp));base64,/.exec(dataUrl);
  if (!match) return { ok: false, code: 'photo.badDataUrl' };
  const base64 = dataUrl.slice(match[0].length);
  if (base64.length > Math.ceil(PHOTO_MAX_BYTES / 3) * 4 + 4) return { ok: false, code: 'photo.tooLarge' };
  let binary: string;
  try {
    binary = atob(base64);
  } catch {
    return { ok: false, code: 'photo.badDataUrl' };
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const checked = checkPhotoBytes(match[1], bytes);
  return checked.ok ? { ok: true, mimeType: checked.mimeType, bytes } : checked;
}

/** A data: URL of the bytes (what the obec file and the package embed). */
export function photoDataUrl(mimeType: PhotoMimeType, bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return `data:${mimeType};base64,${btoa(binary)}`;
}

/** The reference without its bytes: what the shared workspace stores and sends in a report. */
export function photoWithoutData(photo: PhotoReference): PhotoReference {
  return { id: photo.id, mimeType: photo.mimeType, bytes: photo.bytes };
}
