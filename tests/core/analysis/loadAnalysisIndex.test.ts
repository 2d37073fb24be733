import { describe, expect, test } from 'vitest';
import { loadAnalysisIndex } from '../../../src/core/analysis/loadAnalysisIndex.ts';

/** A loader over the packs a device holds: the others fail as a fetch offline does. */
function storedPacks(...stored: string[]) {
  const asked: string[] = [];
  const load = (packId: string) => {
    asked.push(packId);
    return stored.includes(packId) ? Promise.resolve(`index of ${packId}`) : Promise.reject(new Error(`pack.loadFailed: ${packId}`));
  };
  return { load, asked };
}

describe('loadAnalysisIndex', () => {
  test('the requested boundaries when they load, without touching the fallback', async () => {
    const { load, asked } = storedPacks('CZ', 'CZ041');
    expect(await loadAnalysisIndex(load, 'CZ', 'CZ041')).toEqual({ index: 'index of CZ', boundaries: 'requested' });
    expect(asked).toEqual(['CZ']);
  });

  test("offline with only the kraj's packs stored: the kraj's boundaries, said so", async () => {
    const { load, asked } = storedPacks('CZ041');
    expect(await loadAnalysisIndex(load, 'CZ', 'CZ041')).toEqual({ index: 'index of CZ041', boundaries: 'fallback' });
    expect(asked).toEqual(['CZ', 'CZ041']);
  });

  test("neither loads: the fallback's failure reaches the caller", async () => {
    const { load } = storedPacks();
    await expect(loadAnalysisIndex(load, 'CZ', 'CZ041')).rejects.toThrow('pack.loadFailed: CZ041');
  });

  test('no fallback (or the same pack): the first failure, no second try', async () => {
    const { load, asked } = storedPacks();
    await expect(loadAnalysisIndex(load, 'CZ', null)).rejects.toThrow('pack.loadFailed: CZ');
    await expect(loadAnalysisIndex(load, 'CZ', 'CZ')).rejects.toThrow('pack.loadFailed: CZ');
    expect(asked).toEqual(['CZ', 'CZ']);
  });
});
