/** The kraj's receiving address in the store: a kraj setting kept on the device, or given by the deployment. */
import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../src/store/appStore.ts';
import { KRAJ_RECEIVING_KEY, parseKrajReceiving } from '../../src/store/krajReceivingSlice.ts';

function memory() {
  const data = new Map<string, string>();
  return { data, getItem: (key: string) => data.get(key) ?? null, setItem: (key: string, value: string) => void data.set(key, value) };
}

const settingsStorage = () => {
  const data = new Map<string, string>();
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
  };
};

const store = (storage: ReturnType<typeof memory>) =>
  createAppStore({ krajReceiving: { storage }, settingsStorage: settingsStorage(), reports: { indexedDB: null, channelName: null, storageManager: null } });

describe("the kraj's receiving address", () => {
  it('is saved per kraj, cleaned, and there in the next session', () => {
    const storage = memory();
    const first = store(storage);
    expect(
      first.getState().setKrajReceiving('CZ041', { office: 'Odbor regionálního rozvoje', email: 'podatelna@kr-karlovarsky.cz', dataBox: 'SIQ BXT2', note: '' }),
    ).toEqual({ ok: true });
    expect(first.getState().krajReceiving.CZ041?.dataBox).toBe('siqbxt2');
    expect(store(storage).getState().krajReceiving.CZ041).toEqual({
      office: 'Odbor regionálního rozvoje',
      email: 'podatelna@kr-karlovarsky.cz',
      dataBox: 'siqbxt2',
      note: '',
    });
  });

  it('refuses a bad address with its problems and changes nothing; refuses an unknown kraj', () => {
    const storage = memory();
    const tab = store(storage);
    const result = tab.getState().setKrajReceiving('CZ041', { email: 'kraj.cz', dataBox: '12' });
    expect(result).toEqual({
      ok: false,
      problems: [
        { field: 'email', code: 'krajReceiving.badEmail' },
        { field: 'dataBox', code: 'krajReceiving.badDataBox' },
      ],
    });
    expect(tab.getState().krajReceiving).toEqual({});
    expect(storage.data.has(KRAJ_RECEIVING_KEY)).toBe(false);
    expect(tab.getState().setKrajReceiving('XX999', { email: 'a@b.cz' }).ok).toBe(false);
  });

  it("takes the deployment's file for kraje not set on the device; what the device saved wins", async () => {
    const storage = memory();
    const tab = store(storage);
    tab.getState().setKrajReceiving('CZ041', { email: 'mistni@kraj.cz' });
    await tab.getState().loadDeploymentKrajReceiving(async () =>
      JSON.stringify({
        CZ041: { email: 'nasazeni@kraj.cz' },
        CZ042: { email: 'podatelna@kr-ustecky.cz', dataBox: 't9zbsva' },
        CZ999: { email: 'x@y.cz' },
        CZ051: { email: 'bad' },
      }),
    );
    expect(tab.getState().krajReceiving.CZ041?.email).toBe('mistni@kraj.cz');
    expect(tab.getState().krajReceiving.CZ042?.dataBox).toBe('t9zbsva');
    expect(Object.keys(tab.getState().krajReceiving).sort()).toEqual(['CZ041', 'CZ042']);
    // No deployment file, or junk: nothing changes.
    await tab.getState().loadDeploymentKrajReceiving(async () => null);
    await tab.getState().loadDeploymentKrajReceiving(async () => '<html>');
    expect(Object.keys(tab.getState().krajReceiving).sort()).toEqual(['CZ041', 'CZ042']);
    expect(parseKrajReceiving('[1]')).toEqual({});
  });
});
