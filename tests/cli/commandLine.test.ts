import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CommandLineError, parseCommandLine } from '../../src/cli/commandLine.ts';
import { requirePacks } from '../support/packs.ts';

const BIN = path.resolve(import.meta.dirname, '../../src/cli/hlucha-mista.mjs');

function problemOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error: unknown) {
    if (error instanceof CommandLineError) return error.problem;
    throw error;
  }
  return null;
}

describe('parseCommandLine (util.parseArgs, strict)', () => {
  const options = { values: ['kraj', 'out'], switches: ['public'] };

  it('reads values in both spellings, switches and positional arguments in order', () => {
    const { flags, positional } = parseCommandLine(['a.geojson', '--kraj', 'CZ041', '--out=b.zip', '--public', 'c.geojson'], options);
    expect(Object.fromEntries(flags)).toEqual({ kraj: 'CZ041', out: 'b.zip', public: true });
    expect(positional).toEqual(['a.geojson', 'c.geojson']);
  });

  it('keeps negative numbers as arguments (S-JTSK) and as values', () => {
    const { flags, positional } = parseCommandLine(['--out', '-5', '-868208.61', '-1095793.64'], options);
    expect(positional).toEqual(['-868208.61', '-1095793.64']);
    expect(flags.get('out')).toBe('-5');
  });

  it('accepts --lang everywhere', () => {
    expect(parseCommandLine(['--lang', 'en'], {}).flags.get('lang')).toBe('en');
  });

  it('refuses a misspelt option, a missing value and a value given to a switch, naming the option', () => {
    expect(problemOf(() => parseCommandLine(['--karj', 'CZ041'], options))).toEqual({ code: 'cli.unknownOption', option: '--karj' });
    expect(problemOf(() => parseCommandLine(['a.geojson', '--out'], options))).toEqual({ code: 'cli.missingValue', option: '--out' });
    expect(problemOf(() => parseCommandLine(['--out', '--public'], options))).toEqual({ code: 'cli.missingValue', option: '--out' });
    expect(problemOf(() => parseCommandLine(['--public=yes'], options))).toEqual({ code: 'cli.unexpectedValue', option: '--public' });
    expect(problemOf(() => parseCommandLine(['-x'], options))).toEqual({ code: 'cli.unknownOption', option: '-x' });
  });
});

describe('a wrong option on the command line', () => {
  requirePacks();
  const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

  it('stops the command with a sentence and exit 2 instead of being ignored (Czech, English with --lang en)', () => {
    const cs = run(['cluster', 'x.geojson', '--distnace', '300']);
    expect(cs.status).toBe(2);
    expect(cs.stderr).toContain('Neznámá volba --distnace.');
    expect(cs.stderr).toContain('Usage:');
    expect(cs.stdout).toBe('');
    const en = run(['export', 'x.geojson', '--kraj', '--lang', 'en']);
    expect(en.status).toBe(2);
    expect(en.stderr).toContain('The option --kraj needs a value.');
  });

  it('the server commands say the same', () => {
    const users = run(['users', 'add', '--emial', 'a@b.cz']);
    expect(users.status).toBe(2);
    expect(users.stderr).toContain('Neznámá volba --emial.');
  });

  it('S-JTSK coordinates still reach lookup', () => {
    const lookup = run(['lookup', '--sjtsk', '-868208.61', '-1095793.64']);
    expect(lookup.status).toBe(0);
    expect(JSON.parse(lookup.stdout).obec.nazev).toBeTruthy();
  });
});
