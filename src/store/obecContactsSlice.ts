/**
 * The obce's official contacts, from the newest signed obec file of each obec (core/obecFile/obecContacts.ts):
 * kept in IndexedDB (the meta store) and given to the ČTÚ package as "Kontakt obce".
 */
import { obecContactOf, withObecContact, type ObecContact } from '../core/obecFile/obecContacts.ts';
import type { ObecFileHeader } from '../core/obecFile/obecFileFormat.ts';
import type { SliceCreator } from './appStore.ts';
import { REPORT_DATABASE_NAME, withReportDatabase } from './persistence/reportDatabase.ts';

const META_KEY = 'obecContacts';

export interface ObecContactsSlice {
  obecContacts: Record<string, ObecContact>;
  /** Keeps the contact a signed obec file gives (the newest sign-off per obec wins). */
  rememberObecContact(header: ObecFileHeader | null): Promise<void>;
  restoreObecContacts(): Promise<void>;
}

export interface ObecContactsDependencies {
  indexedDB?: IDBFactory | null;
  databaseName?: string;
}

function isContact(value: unknown): value is ObecContact {
  const c = value as Partial<ObecContact> | null;
  return (
    !!c &&
    typeof c.obecKod === 'string' &&
    typeof c.name === 'string' &&
    typeof c.function === 'string' &&
    typeof c.date === 'string' &&
    (c.contact === null || typeof c.contact === 'string')
  );
}

export function createObecContactsSlice(dependencies: ObecContactsDependencies = {}): SliceCreator<ObecContactsSlice> {
  return (set, get) => {
    const factory = 'indexedDB' in dependencies ? dependencies.indexedDB : (globalThis.indexedDB ?? null);
    const databaseName = dependencies.databaseName ?? REPORT_DATABASE_NAME;
    let queue: Promise<unknown> = Promise.resolve();

    /** Reads what is stored, adds `contact` and writes it back (one at a time, so two imports do not race). */
    const persist = (contact: ObecContact | null) => {
      const job = queue.then(() =>
        withReportDatabase({ factory, name: databaseName }, async (database) => {
          const read = await database.readMeta(META_KEY);
          let stored: Record<string, ObecContact> = {};
          if (read.ok && read.value && typeof read.value === 'object') {
            for (const value of Object.values(read.value as Record<string, unknown>)) if (isContact(value)) stored = withObecContact(stored, value);
          }
          for (const value of Object.values(get().obecContacts)) stored = withObecContact(stored, value);
          if (contact) stored = withObecContact(stored, contact);
          await database.writeMeta(META_KEY, stored);
          set({ obecContacts: stored });
        }),
      );
      queue = job.catch(() => undefined);
      return job;
    };

    return {
      obecContacts: {},
      rememberObecContact: async (header) => {
        const contact = obecContactOf(header);
        if (!contact) return;
        set({ obecContacts: withObecContact(get().obecContacts, contact) });
        await persist(contact).catch(() => undefined); // without storage the contact still serves this session
      },
      restoreObecContacts: async () => {
        await persist(null).catch(() => undefined);
      },
    };
  };
}
