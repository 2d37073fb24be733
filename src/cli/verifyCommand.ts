/**
 * `hlucha-mista verify <balicek.zip>`: checks a submission package — every file's SHA-256 against manifest.json,
 * no file missing or added, the manifest's format and schema version, and that the data files read back.
 * Exit 0 with a summary; exit 1 with one JSON line per reason.
 */
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { PACKAGE_SCHEMA_VERSION } from '../core/ctuPackage/buildSubmissionPackage.ts';
import { importSubmissionPackage } from '../core/ctuPackage/importSubmissionPackage.ts';
import { verifyPackage } from '../core/ctuPackage/zipPackage.ts';

export async function runVerify(argv: string[]): Promise<number> {
  const [file] = argv;
  if (!file) {
    process.stderr.write('Usage: hlucha-mista verify <balicek.zip>\n');
    return 2;
  }
  const print = (line: unknown) => process.stdout.write(`${JSON.stringify(line)}\n`);
  let zip: Uint8Array;
  try {
    zip = readFileSync(file);
  } catch (error) {
    print({ code: 'file.unreadable', message: error instanceof Error ? error.message : String(error) });
    return 1;
  }
  const verification = await verifyPackage(zip);
  if (verification.code) {
    print({ code: verification.code });
    return 1;
  }
  const problems: Array<Record<string, unknown>> = [
    ...verification.changed.map((name) => ({ code: 'package.fileChanged', file: name })),
    ...verification.missing.map((name) => ({ code: 'package.fileMissing', file: name })),
    ...verification.unlisted.map((name) => ({ code: 'package.fileUnlisted', file: name })),
  ];
  const manifest = JSON.parse(new TextDecoder().decode(unzipSync(zip)['manifest.json']!)) as { format?: string; schemaVersion?: number; counts?: Record<string, number> };
  const isPublic = manifest.format === 'hlucha-mista/verejna-data';
  if (manifest.format !== 'hlucha-mista/balicek-ctu' && !isPublic) problems.push({ code: 'package.unknownFormat', format: manifest.format ?? null });
  else if (typeof manifest.schemaVersion !== 'number' || manifest.schemaVersion > PACKAGE_SCHEMA_VERSION) problems.push({ code: 'package.unsupportedSchema', schemaVersion: manifest.schemaVersion ?? null });
  if (problems.length === 0 && !isPublic) {
    const imported = await importSubmissionPackage(zip);
    if (!imported.ok) problems.push({ code: imported.code });
  }
  if (problems.length > 0) {
    for (const problem of problems) print(problem);
    return 1;
  }
  print({ valid: true, format: manifest.format, schemaVersion: manifest.schemaVersion, counts: manifest.counts ?? {} });
  return 0;
}
