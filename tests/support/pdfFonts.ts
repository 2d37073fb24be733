import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const fontDir = path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');

/** DejaVu Sans (covers Czech), as the app embeds it in zadost.pdf. */
export function pdfFonts(): { regular: Uint8Array; bold: Uint8Array } {
  return { regular: readFileSync(path.join(fontDir, 'DejaVuSans.ttf')), bold: readFileSync(path.join(fontDir, 'DejaVuSans-Bold.ttf')) };
}
