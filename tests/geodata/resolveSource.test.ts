import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { candidateSourceDirs, detectSource, findAndLoadSource, NO_SOURCE_MESSAGE } from '../../geodata/resolveSource.ts';
import { SHARED_GEODATA } from '../support/packs.ts';

const BIN = path.resolve(import.meta.dirname, '../../src/cli/hlucha-mista.mjs');

describe('finding the boundary source', () => {
  it('recognises the shared geodata folder', () => {
    expect(detectSource(SHARED_GEODATA)).toBe('shared-cz');
    expect(candidateSourceDirs()).toContain(SHARED_GEODATA);
  });

  it('refuses a folder that is no source, naming the options', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'hm-empty-'));
    expect(detectSource(empty)).toBeNull();
    await expect(findAndLoadSource(empty)).rejects.toThrow(/services\.cuzk\.cz\/shp\/stat\/epsg-5514\/1\.zip/);
  });

  it('stops the CLI build with the message and exit 1', () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'hm-empty-'));
    const out = mkdtempSync(path.join(tmpdir(), 'hm-out-'));
    const result = spawnSync(process.execPath, [BIN, 'geodata', 'build', '--source', empty, '--out', out], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('../shared/geodata');
    expect(result.stderr).toContain('HLUCHA_MISTA_GEODATA');
    expect(NO_SOURCE_MESSAGE).toContain('geodata/cache/ruian-shp');
  });

  it('builds one kraj into a given folder', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'hm-out-'));
    const result = spawnSync(process.execPath, [BIN, 'geodata', 'build', '--kraj', 'CZ051', '--out', out], { encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/CZ051\s+obce\s+215\s+ORP\s+10/);
  });
});
