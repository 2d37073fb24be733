import { describe, expect, it } from 'vitest';
import { withoutLocalPaths } from '../../../src/core/ctuPackage/localPaths.ts';

describe('withoutLocalPaths', () => {
  it('keeps only the last part of absolute paths', () => {
    expect(withoutLocalPaths('/work/shared/geodata/cz (obce: iROZHLAS/RÚIAN; ORP crosswalk: RCzechia 2024-06)')).toBe(
      'cz (obce: iROZHLAS/RÚIAN; ORP crosswalk: RCzechia 2024-06)',
    );
    expect(withoutLocalPaths('ČÚZK RÚIAN SHP, EPSG:5514 (/home/jana/ruian/2026); ORP crosswalk /tmp/x/orp_kody.csv')).toBe(
      'ČÚZK RÚIAN SHP, EPSG:5514 (2026); ORP crosswalk orp_kody.csv',
    );
    expect(withoutLocalPaths('C:\\Users\\jana\\data\\cz export')).toBe('cz export');
    expect(withoutLocalPaths('file:///home/jana/cz/')).toBe('cz');
    expect(withoutLocalPaths('~/data/cz')).toBe('cz');
  });

  it('leaves text that is not a path', () => {
    for (const text of ['iROZHLAS/RÚIAN', 'https://www.cuzk.cz/ruian/data', 'stav 6/2024, 1/2', '© ČÚZK (RÚIAN), CC BY 4.0']) {
      expect(withoutLocalPaths(text)).toBe(text);
    }
  });
});
