import path from 'node:path';
import { buildPacks } from '../../geodata/build.ts';
import { defaultPacksDir, findAndLoadSource, NO_SOURCE_MESSAGE } from '../../geodata/resolveSource.ts';
import { parseCommandLine } from './commandLine.ts';
import { packsAreComplete } from './packsOnDisk.ts';

export async function runGeodata(argv: string[]): Promise<number> {
  const { flags, positional } = parseCommandLine(argv, { values: ['source', 'kraj', 'out'], switches: ['soft'] });
  const [subcommand] = positional;
  const outDir = typeof flags.get('out') === 'string' ? path.resolve(flags.get('out') as string) : defaultPacksDir();
  const log = (line: string) => process.stderr.write(`${line}\n`);

  if (subcommand === 'ensure') {
    if (packsAreComplete(outDir)) return 0;
    log('Boundary packs are missing or out of date: building them…');
  } else if (subcommand !== 'build') {
    log('Usage: hlucha-mista geodata build [--source DIR] [--kraj CZ041|all] [--out DIR] | geodata ensure [--soft]');
    return 2;
  }

  const explicit = typeof flags.get('source') === 'string' ? (flags.get('source') as string) : undefined;
  const kraj = typeof flags.get('kraj') === 'string' ? (flags.get('kraj') as string) : 'all';
  try {
    const started = performance.now();
    const source = await findAndLoadSource(explicit);
    if (!source) {
      log(NO_SOURCE_MESSAGE);
      // During `npm install` a missing source must not fail the install itself: start and test will stop.
      return flags.has('soft') ? 0 : 1;
    }
    log(`Source: ${source.adapter} — ${source.description}`);
    for (const warning of source.warnings.slice(0, 20)) log(`warning: ${warning}`);
    if (source.warnings.length > 20) log(`… and ${source.warnings.length - 20} more warnings`);
    const { packs } = buildPacks({ source, outDir, kraj, log });
    for (const pack of packs) {
      log(
        `  ${pack.id.padEnd(6)} obce ${String(pack.counts.obce).padStart(5)}  ORP ${String(pack.counts.orp).padStart(4)}  ` +
          `okresy ${String(pack.counts.okresy).padStart(3)}  adresní místa ${String(pack.counts.adresniMista).padStart(7)}  ` +
          `vertices ${pack.vertices.lookup} → ${pack.vertices.display} (display)`,
      );
    }
    log(`Packs written to ${outDir} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  } catch (error) {
    log(error instanceof Error ? error.message : String(error));
    return 1;
  }
}
