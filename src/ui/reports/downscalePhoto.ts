/**
 * A photo from the camera or disk, made small enough to keep with the report: at most 1600 px on the long
 * side, JPEG at 0.8 (typically 150–400 kB), as a data: URL.
 *
 * The data URL lives in the local report (the obec file and the package embed it as `photo.dataUrl`); the shared
 * workspace gets the report without it and the bytes through the photos' own upload queue (store/sync/photoQueue.ts).
 */
import type { PhotoReference } from '../../core/reports/report.ts';

export const PHOTO_MAX_SIDE = 1600;
const QUALITY = 0.8;

export type PhotoProblem = 'photo.notAnImage' | 'photo.unreadable';

export async function downscalePhoto(file: File): Promise<{ ok: true; photo: PhotoReference } | { ok: false; code: PhotoProblem }> {
  if (!file.type.startsWith('image/')) return { ok: false, code: 'photo.notAnImage' };
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return { ok: false, code: 'photo.unreadable' };
  }
  const scale = Math.min(1, PHOTO_MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  const context = canvas.getContext('2d');
  if (!context) return { ok: false, code: 'photo.unreadable' };
  context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  const dataUrl = canvas.toDataURL('image/jpeg', QUALITY);
  const bytes = Math.round(((dataUrl.length - dataUrl.indexOf(',') - 1) * 3) / 4);
  return { ok: true, photo: { id: crypto.randomUUID(), mimeType: 'image/jpeg', bytes, dataUrl } };
}
