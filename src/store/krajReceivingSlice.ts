/**
 * Where each kraj receives obec files (core/obecFile/krajReceiving.ts), a kraj setting: kept in localStorage under
 * its own key (per kraj, NUTS 3), set in the export dialog or from the deployment's `kraj-prijem.json` (a kraj that
 * hosts the app for its obce puts its address there: `{"CZ041": {"office": "…", "email": "…", "dataBox": "…"}}`).
 * What the user saved wins over the deployment file.
 */
import { checkKrajReceiving, type KrajReceiving, type KrajReceivingProblem } from '../core/obecFile/krajReceiving.ts';
import { isKrajNuts3 } from '../core/units/adminUnits.ts';
import type { SliceCreator } from './appStore.ts';

export const KRAJ_RECEIVING_KEY = 'hlucha-mista.krajReceiving';
export const KRAJ_RECEIVING_DEPLOYMENT_URL = 'kraj-prijem.json';

export interface KrajReceivingSlice {
  /** NUTS 3 → the kraj's receiving address, as saved on this device or given by the deployment. */
  krajReceiving: Record<string, KrajReceiving>;
  /** Saves the setting of a kraj; refused (nothing changes) with the problems when it is not valid. */
  setKrajReceiving(nuts3: string, input: Partial<KrajReceiving>): { ok: true } | { ok: false; problems: KrajReceivingProblem[] };
  /** Reads the deployment's `kraj-prijem.json`, if it has one, for the kraje not set on this device. */
  loadDeploymentKrajReceiving(fetchText?: (url: string) => Promise<string | null>): Promise<void>;
}

export interface KrajReceivingDependencies {
  storage?: Pick<Storage, 'getItem' | 'setItem'> | null;
}

/** Valid settings from JSON text (saved or from the deployment): invalid kraje and entries are dropped. */
export function parseKrajReceiving(text: string | null): Record<string, KrajReceiving> {
  if (!text || text.length > 100_000) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {};
  const settings: Record<string, KrajReceiving> = {};
  for (const [nuts3, value] of Object.entries(raw as Record<string, unknown>)) {
    if (!isKrajNuts3(nuts3) || typeof value !== 'object' || value === null) continue;
    const checked = checkKrajReceiving(value as Record<string, unknown>);
    if (checked.problems.length === 0) settings[nuts3] = checked.value;
  }
  return settings;
}

function defaultStorage(): Pick<Storage, 'getItem' | 'setItem'> | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function createKrajReceivingSlice(dependencies: KrajReceivingDependencies = {}): SliceCreator<KrajReceivingSlice> {
  return (set, get) => {
    const storage = 'storage' in dependencies ? (dependencies.storage ?? null) : defaultStorage();
    const readSaved = () => {
      try {
        return parseKrajReceiving(storage?.getItem(KRAJ_RECEIVING_KEY) ?? null);
      } catch {
        return {};
      }
    };
    return {
      krajReceiving: readSaved(),
      setKrajReceiving: (nuts3, input) => {
        const checked = checkKrajReceiving(input);
        if (!isKrajNuts3(nuts3) || checked.problems.length > 0) return { ok: false, problems: checked.problems };
        const saved = { ...readSaved(), [nuts3]: checked.value };
        try {
          storage?.setItem(KRAJ_RECEIVING_KEY, JSON.stringify(saved));
        } catch {
          // Not remembered on this device (full or refused storage); it still serves this session.
        }
        set({ krajReceiving: { ...get().krajReceiving, [nuts3]: checked.value } });
        return { ok: true };
      },
      loadDeploymentKrajReceiving: async (fetchText = fetchDeploymentFile) => {
        const deployed = parseKrajReceiving(await fetchText(KRAJ_RECEIVING_DEPLOYMENT_URL).catch(() => null));
        const saved = readSaved();
        set({ krajReceiving: { ...deployed, ...get().krajReceiving, ...saved } });
      },
    };
  };
}

async function fetchDeploymentFile(url: string): Promise<string | null> {
  const response = await fetch(url, { cache: 'no-cache' });
  if (!response.ok) return null;
  const type = response.headers.get('content-type') ?? '';
  // A dev server answers a missing file with index.html.
  if (type.includes('html')) return null;
  return response.text();
}
