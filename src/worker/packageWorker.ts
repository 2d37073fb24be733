/**
 * The package worker: the package is prepared (core preparePackage: localities, evidence, measurements) and its
 * PDF, GeoPackage and ZIP built here, so the page never freezes (the PDF in a
 * nested worker of its own, coverLetterWorker.ts, beside the other files).
 * Fonts (DejaVu, covering Czech) and sql.js's WebAssembly are assets of the app itself (Vite `?url`), so the
 * package is built offline too. Created by src/store/packageClient.ts.
 */
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import wasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';
import regularUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf?url';
import boldUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf?url';
import { buildPackage, type PackageResources } from '../core/ctuPackage/buildPackage.ts';
import { packageLabel } from '../i18n/packageLabel.ts';
import { buildCoverLetterInWorker } from './coverLetterClient.ts';
import type { PackageRequestMessage, PackageResponseMessage } from './packageProtocol.ts';

async function bytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

let fonts: Promise<{ regular: Uint8Array; bold: Uint8Array }> | null = null;
let sqlJs: Promise<SqlJsStatic> | null = null;

const resources: PackageResources = {
  label: packageLabel,
  fonts: () => {
    fonts ??= Promise.all([bytes(regularUrl), bytes(boldUrl)]).then(([regular, bold]) => ({ regular, bold }));
    fonts.catch(() => (fonts = null));
    return fonts;
  },
  sqlJs: () => {
    sqlJs ??= initSqlJs({ locateFile: () => wasmUrl });
    sqlJs.catch(() => (sqlJs = null));
    return sqlJs;
  },
  // The letter in a nested worker, laid out while this worker builds the other files.
  coverLetter: buildCoverLetterInWorker,
};

const scope = globalThis as unknown as {
  postMessage(message: PackageResponseMessage, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<PackageRequestMessage>) => void): void;
};

scope.addEventListener('message', (event) => {
  const { id, source } = event.data;
  buildPackage(source, resources, (progress) => scope.postMessage({ id, type: 'progress', progress })).then(
    (result) => scope.postMessage({ id, type: 'result', result }, [result.zip.buffer as ArrayBuffer]),
    (error: unknown) => scope.postMessage({ id, type: 'error', message: error instanceof Error ? error.message : String(error) }),
  );
});
