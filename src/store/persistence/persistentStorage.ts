/**
 * Asks the browser to keep the site's storage when space runs low (navigator.storage.persist). Browsers decide on
 * their own (Chromium by engagement, Firefox asks the person), so the answer is recorded and shown, never assumed.
 */
export type PersistentStorageManager = Pick<StorageManager, 'persist' | 'persisted'>;

/** The platform's storage manager where there is one. */
export function platformStorageManager(): PersistentStorageManager | null {
  const storage = (globalThis as { navigator?: { storage?: Partial<PersistentStorageManager> } }).navigator?.storage;
  return storage && typeof storage.persist === 'function' && typeof storage.persisted === 'function' ? (storage as PersistentStorageManager) : null;
}

/** True when storage is (now) persistent, false when the browser said no, null when it cannot be asked. */
export async function requestPersistentStorage(manager: PersistentStorageManager | null): Promise<boolean | null> {
  if (!manager) return null;
  try {
    if (await manager.persisted()) return true;
    return await manager.persist();
  } catch {
    return null;
  }
}
