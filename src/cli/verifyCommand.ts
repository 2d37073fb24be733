/**
 * `hlucha-mista verify <balicek.zip> [--format text|json] [--lang cs|en]`: checks a submission package — every
 * file's SHA-256 against manifest.json, no file missing or added, the manifest's format and schema version, and that
 * the data files read back. By default one sentence per problem for the person who received the package (Czech, or
 * English with `--lang en`); `--format json` prints the codes with their parameters, one JSON line each.
 * Exit 0 when the package is intact, 1 with the reasons, 2 on a wrong command line.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_SCHEMA_VERSION } from '../core/ctuPackage/buildSubmissionPackage.ts';
import { checkPackage, type PackageProblemCode } from '../core/ctuPackage/checkPackage.ts';
import { importSubmissionPackage } from '../core/ctuPackage/importSubmissionPackage.ts';
import { INPUT_LIMITS } from '../core/limits/inputLimits.ts';
import { parseCommandLine } from './commandLine.ts';
import type { Language, MessageKey } from '../i18n/translate.ts';
import { cliLanguage, cliSentence } from './cliLanguage.ts';

/** One finding of verify: its code, the file it concerns, and the code's parameters. */
interface VerifyProblem {
  code: VerifyProblemCode;
  file?: string;
  params?: Readonly<Record<string, string | number | null>>;
}

type VerifyProblemCode = PackageProblemCode | 'package.tampered' | 'file.unreadable';

/** Every code verify can print has its sentence (the type checker refuses a code without one). */
const PROBLEM_SENTENCE: Record<VerifyProblemCode, MessageKey> = {
  'file.unreadable': 'verify.problem.file.unreadable',
  'package.tooLarge': 'verify.problem.package.tooLarge',
  'package.notZip': 'verify.problem.package.notZip',
  'package.zipTooManyEntries': 'verify.problem.package.zipTooManyEntries',
  'package.zipDuplicateEntry': 'verify.problem.package.zipDuplicateEntry',
  'package.zipTooLarge': 'verify.problem.package.zipTooLarge',
  'package.zipBomb': 'verify.problem.package.zipBomb',
  'package.noManifest': 'verify.problem.package.noManifest',
  'package.manifestNotUtf8': 'verify.problem.package.manifestNotUtf8',
  'package.manifestNotJson': 'verify.problem.package.manifestNotJson',
  'package.manifestInvalid': 'verify.problem.package.manifestInvalid',
  'package.fileChanged': 'verify.problem.package.fileChanged',
  'package.fileMissing': 'verify.problem.package.fileMissing',
  'package.fileUnlisted': 'verify.problem.package.fileUnlisted',
  'package.unknownFormat': 'verify.problem.package.unknownFormat',
  'package.unsupportedSchema': 'verify.problem.package.unsupportedSchema',
  'package.countMismatch': 'verify.problem.package.countMismatch',
  'package.noData': 'verify.problem.package.noData',
  'package.tampered': 'verify.problem.package.tampered',
};

/** A problem as one sentence; a parameter the package left empty (null) reads "(none)". */
export function verifyProblemSentence(language: Language, problem: VerifyProblem): string {
  const params: Record<string, string | number> = { supported: PACKAGE_SCHEMA_VERSION };
  for (const [name, value] of Object.entries(problem.params ?? {})) params[name] = value ?? cliSentence(language, 'verify.none');
  if (problem.file !== undefined) params.file = problem.file;
  return cliSentence(language, PROBLEM_SENTENCE[problem.code], params);
}

type Verdict = { ok: true; format: string; schemaVersion: number; counts: Record<string, number>; files: number } | { ok: false; problems: VerifyProblem[] };

async function verifyFile(file: string): Promise<Verdict> {
  let zip: Uint8Array;
  try {
    // The size first: a file over the package limit is not read at all.
    if (statSync(file).size > INPUT_LIMITS.fileBytes.package)
      return { ok: false, problems: [{ code: 'package.tooLarge', params: { limitMb: INPUT_LIMITS.fileBytes.package / 1024 / 1024 } }] };
    zip = readFileSync(file);
  } catch (error) {
    return { ok: false, problems: [{ code: 'file.unreadable', params: { message: error instanceof Error ? error.message : String(error) } }] };
  }
  // Archive budget, duplicate names, manifest shape, checksums, format, counts: src/core/ctuPackage/checkPackage.ts.
  const checked = await checkPackage(zip);
  if (!checked.ok) return { ok: false, problems: checked.problems };
  const { manifest } = checked;
  if (manifest.format !== 'hlucha-mista/verejna-data') {
    const imported = await importSubmissionPackage(zip);
    if (!imported.ok) return { ok: false, problems: [{ code: imported.code }] };
  }
  return { ok: true, format: manifest.format, schemaVersion: manifest.schemaVersion, counts: manifest.counts, files: manifest.files.size };
}

export async function runVerify(argv: string[]): Promise<number> {
  const { flags, positional } = parseCommandLine(argv, { values: ['format'] });
  const format = flags.get('format') ?? 'text';
  const [file] = positional;
  if (!file || (format !== 'text' && format !== 'json')) {
    process.stderr.write('Usage: hlucha-mista verify <balicek.zip> [--format text|json] [--lang cs|en]\n');
    return 2;
  }
  const verdict = await verifyFile(file);
  const print = (line: string) => process.stdout.write(`${line}\n`);
  if (format === 'json') {
    if (verdict.ok) print(JSON.stringify({ valid: true, format: verdict.format, schemaVersion: verdict.schemaVersion, counts: verdict.counts }));
    else
      for (const problem of verdict.problems)
        print(JSON.stringify({ code: problem.code, ...(problem.file ? { file: problem.file } : {}), ...(problem.params ?? {}) }));
    return verdict.ok ? 0 : 1;
  }
  const language = cliLanguage(flags);
  if (!verdict.ok) {
    print(cliSentence(language, 'verify.failed', { file: path.basename(file), count: verdict.problems.length }));
    for (const problem of verdict.problems) print(`- ${verifyProblemSentence(language, problem)}`);
    return 1;
  }
  print(cliSentence(language, 'verify.ok', { files: verdict.files, format: verdict.format, schemaVersion: verdict.schemaVersion }));
  const { lokality, hlaseni, obce } = verdict.counts;
  if (lokality !== undefined && hlaseni !== undefined && obce !== undefined) print(cliSentence(language, 'verify.okCounts', { lokality, hlaseni, obce }));
  return 0;
}
