/**
 * `hlucha-mista validate <file>`: checks an obec file. Valid → exit 0 and a one-line JSON summary.
 * Otherwise exit 1 and one JSON line per problem: { featureIndex, field, code, message } (featureIndex null for
 * a problem of the file as a whole). Messages are the app's English UI texts for the codes.
 */
import { readFileSync, statSync } from 'node:fs';
import { OBEC_FILE_MAX_BYTES } from '../core/obecFile/obecFileFormat.ts';
import { parseObecFile } from '../core/obecFile/parseObecFile.ts';
import '../i18n/allLanguages.ts';
import { translate, type MessageKey } from '../i18n/translate.ts';
import { en } from '../i18n/en.ts';

function message(code: string, params?: Record<string, string | number>): string {
  const key = `problem.${code}`;
  return key in en ? translate('en', key as MessageKey, params) : code;
}

export function runValidate(argv: string[]): number {
  const [file] = argv;
  if (!file) {
    process.stderr.write('Usage: hlucha-mista validate <obec-file.geojson>\n');
    return 2;
  }
  const print = (line: unknown) => process.stdout.write(`${JSON.stringify(line)}\n`);
  let text: string;
  try {
    if (statSync(file).size > OBEC_FILE_MAX_BYTES) {
      print({ featureIndex: null, field: null, code: 'file.tooLarge', message: message('file.tooLarge', { limitMb: OBEC_FILE_MAX_BYTES / 1024 / 1024 }) });
      return 1;
    }
    text = readFileSync(file, 'utf8');
  } catch (error) {
    print({ featureIndex: null, field: null, code: 'file.unreadable', message: error instanceof Error ? error.message : String(error) });
    return 1;
  }
  const parsed = parseObecFile(text);
  if (!parsed.ok) {
    print({ featureIndex: null, field: null, code: parsed.fileProblem.code, message: message(parsed.fileProblem.code, parsed.fileProblem.params) });
    return 1;
  }
  if (parsed.rejected.length > 0) {
    for (const rejected of parsed.rejected) {
      for (const problem of rejected.problems) {
        print({
          featureIndex: rejected.featureIndex,
          id: rejected.id,
          field: problem.path,
          code: problem.code,
          message: message(problem.code, problem.params),
          ...(problem.params ? { params: problem.params } : {}),
        });
      }
    }
    return 1;
  }
  const byType: Record<string, number> = {};
  for (const report of parsed.reports) byType[report.geometry.type] = (byType[report.geometry.type] ?? 0) + 1;
  print({
    valid: true,
    schemaVersion: parsed.header.schemaVersion,
    reports: parsed.reports.length,
    byGeometry: byType,
    migrated: parsed.migrated,
    demo: parsed.reports.filter((r) => r.demo).length,
    obec: parsed.header.obec,
    signOff: parsed.header.signOff,
  });
  return 0;
}
