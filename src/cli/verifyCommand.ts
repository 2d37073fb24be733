/**
 * `hlucha-mista verify <balicek.zip>`: checks a submission package — every file's SHA-256 against manifest.json,
 * no file missing or added, the manifest's format and schema version, and that the data files read back.
 * Exit 0 with a summary; exit 1 with one JSON line per reason.
 */
import { readFileSync, statSync } from 'node:fs';
import { checkPackage } from '../core/ctuPackage/checkPackage.ts';
import { importSubmissionPackage } from '../core/ctuPackage/importSubmissionPackage.ts';
import { INPUT_LIMITS } from '../core/limits/inputLimits.ts';

export async function runVerify(argv: string[]): Promise<number> {
  const [file] = argv;
  if (!file) {
    process.stderr.write('Usage: hlucha-mista verify <balicek.zip>\n');
    return 2;
  }
  const print = (line: unknown) => process.stdout.write(`${JSON.stringify(line)}\n`);
  let zip: Uint8Array;
  try {
    // The size first: a file over the package limit is not read at all.
    if (statSync(file).size > INPUT_LIMITS.fileBytes.package) {
      print({ code: 'package.tooLarge', limitMb: INPUT_LIMITS.fileBytes.package / 1024 / 1024 });
      return 1;
    }
    zip = readFileSync(file);
  } catch (error) {
    print({ code: 'file.unreadable', message: error instanceof Error ? error.message : String(error) });
    return 1;
  }
  // Archive budget, duplicate names, manifest shape, checksums, format, counts: src/core/ctuPackage/checkPackage.ts.
  const checked = await checkPackage(zip);
  if (!checked.ok) {
    for (const problem of checked.problems) print({ code: problem.code, ...(problem.file ? { file: problem.file } : {}), ...(problem.params ?? {}) });
    return 1;
  }
  const { manifest } = checked;
  if (manifest.format !== 'hlucha-mista/verejna-data') {
    const imported = await importSubmissionPackage(zip);
    if (!imported.ok) {
      print({ code: imported.code });
      return 1;
    }
  }
  print({ valid: true, format: manifest.format, schemaVersion: manifest.schemaVersion, counts: manifest.counts });
  return 0;
}
