/**
 * The `hlucha-mista` command line. Commands:
 *   lookup <lon> <lat>             one point (WGS84) → one JSON object; exit 1 with a JSON error when in no obec
 *   lookup --sjtsk <x> <y>         the same for S-JTSK (EPSG:5514, or positive EPSG:5513 Y X; swapped axes detected)
 *   lookup --batch [--sjtsk]       pairs from standard input, one per line → one JSON line each, in order
 *   validate <file>                check an obec file: a summary (exit 0) or one JSON line per problem (exit 1)
 *   aggregate <files…> --by …      statistics per kraj, ORP, obec or H3 cell from obec files
 *   cluster <files…>               problem localities from obec files
 *   export <files…> --kraj …       the ČTÚ submission package (or --public, the open-data variant); alias: package
 *   verify <zip>                   checks a package against its manifest
 *   table-import <file>            an office's CSV/XLSX table → an obec file (guessed mapping, per-row reasons)
 *   geodata build [--source DIR] [--kraj CZ041|all] [--out DIR]
 *   geodata ensure [--soft]        build the packs when missing (npm install / start / test call this)
 *   serve, migrate, users …        the shared workspace (src/server/serverCommand.ts, started by hlucha-mista.mjs:
 *                                  the server is a layer above the CLI)
 */
import { runAggregate, runCluster } from './aggregateCommand.ts';
import { CommandLineError, reportCommandLineError } from './commandLine.ts';
import { runGeodata } from './geodataCommand.ts';
import { runLookup } from './lookupCommand.ts';
import { runMeasurements } from './nettestCommand.ts';
import { runPackage } from './packageCommand.ts';
import { runTableImport } from './tableImportCommand.ts';
import { runValidate } from './validateCommand.ts';
import { runVerify } from './verifyCommand.ts';

export const USAGE = `Usage:
  hlucha-mista lookup <lon> <lat>
  hlucha-mista lookup --sjtsk <x> <y>
  hlucha-mista lookup --batch [--sjtsk] < points.txt
  hlucha-mista validate <obec-file.geojson>
  hlucha-mista aggregate <obec-files…> --by kraj|orp|obec|zsj|h3 [--format json|csv] [--resolution 8] [--zsj FILE]
  hlucha-mista cluster <obec-files…> [--distance METRES] [--format json|geojson]
  hlucha-mista measurements <nettest.csv|.zip> [--format json|geojson] [--resolution 8]
  hlucha-mista verify <balicek.zip> [--format text|json] [--lang cs|en]
  hlucha-mista table-import <file.csv|.xlsx> [--mapping JSON|FILE] [--sheet NAME] [--encoding utf-8|windows-1250|mixed|utf-16] [--delimiter ';'|','|tab] [--generated-at ISO] [--out FILE]
  hlucha-mista export <obec-files…> --kraj CZ041 [--review FILE] [--status confirmed,…] [--generated-at ISO] [--with-reporters] [--public] [--out FILE]
  hlucha-mista geodata build [--source DIR] [--kraj CZ041|all] [--out DIR]
  hlucha-mista geodata ensure [--soft]
  hlucha-mista serve [--port 8080] [--mail-outbox DIR] [--public-url URL] [--allow-origin URL,…] [--oidc-issuer URL --oidc-client-id ID]
  hlucha-mista migrate
  hlucha-mista users add --email E --role mayor|bco|kraj|admin [--obec KOD] [--kraj CZ041]
  hlucha-mista users token --email E [--name TEXT]
  hlucha-mista users list`;

/**
 * The boundary of every command: a reader returns coded problems, but should anything still throw (a bug, memory
 * running out in a library), the command ends with exit 1 and one JSON line — never a stack trace.
 */
export async function main(argv: string[]): Promise<number> {
  try {
    return await runCommand(argv);
  } catch (error: unknown) {
    if (error instanceof CommandLineError) return reportCommandLineError(error, argv, USAGE);
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    process.stdout.write(`${JSON.stringify({ error: { code: 'cli.failed', message: message.slice(0, 300) } })}\n`);
    return 1;
  }
}

async function runCommand(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'lookup':
      return runLookup(rest);
    case 'geodata':
      return runGeodata(rest);
    case 'validate':
      return runValidate(rest);
    case 'aggregate':
      return runAggregate(rest);
    case 'cluster':
      return runCluster(rest);
    case 'package':
    case 'export':
      return runPackage(rest);
    case 'verify':
      return runVerify(rest);
    case 'measurements':
      return runMeasurements(rest);
    case 'table-import':
      return runTableImport(rest);
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`Unknown command: ${command}\n${USAGE}\n`);
      return 2;
  }
}
