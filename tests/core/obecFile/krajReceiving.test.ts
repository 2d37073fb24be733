import { describe, expect, it } from 'vitest';
import { checkKrajReceiving, hasReceivingAddress } from '../../../src/core/obecFile/krajReceiving.ts';

describe("the kraj's receiving address", () => {
  it('cleans what is typed: trimmed, a data box id lower-cased without spaces', () => {
    const { value, problems } = checkKrajReceiving({
      office: ' Odbor regionálního rozvoje ',
      email: ' podatelna@kr-karlovarsky.cz ',
      dataBox: 'SIQ BXT2',
      note: '',
    });
    expect(problems).toEqual([]);
    expect(value).toEqual({ office: 'Odbor regionálního rozvoje', email: 'podatelna@kr-karlovarsky.cz', dataBox: 'siqbxt2', note: '' });
    expect(hasReceivingAddress(value)).toBe(true);
  });

  it('refuses a bad e-mail and a data box id that is not 7 letters and digits, with codes', () => {
    expect(checkKrajReceiving({ email: 'podatelna(at)kraj.cz', dataBox: 'abc' }).problems).toEqual([
      { field: 'email', code: 'krajReceiving.badEmail' },
      { field: 'dataBox', code: 'krajReceiving.badDataBox' },
    ]);
    expect(checkKrajReceiving({ email: 'a@b' }).problems.map((p) => p.code)).toEqual(['krajReceiving.badEmail']);
    expect(checkKrajReceiving({ note: 'x'.repeat(501) }).problems).toEqual([{ field: 'note', code: 'krajReceiving.tooLong', params: { max: 500 } }]);
  });

  it('an empty setting or one with only the office gives no address; non-text values count as empty', () => {
    expect(hasReceivingAddress(checkKrajReceiving({ office: 'Krajský úřad' }).value)).toBe(false);
    expect(checkKrajReceiving({ email: 42, dataBox: null }).value).toEqual({ office: '', email: '', dataBox: '', note: '' });
    expect(hasReceivingAddress(null)).toBe(false);
  });
});
