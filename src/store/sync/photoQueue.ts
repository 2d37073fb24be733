/**
 * The photos' own upload queue to one workspace server. A report is pushed without its photo's bytes (the reference
 * only); the photo waits here and is uploaded (PUT /api/photos/…) once the server has accepted the report that
 * references it, so an edited report never sends the image again. Per photo: waiting → uploading → sent, or failed
 * with the server's code (a person retries). No connection, a timeout, a signed-out session or a server failure
 * leave it waiting: it goes with the next sync, on the same triggers as the report outbox.
 *
 * The queue holds states, not bytes: the bytes stay in the local report (its `photo.dataUrl`, what the obec file
 * and the package embed). Kept in its own IndexedDB database, one record per server, like the sync ledger.
 */
import { wrap, type IDBPDatabase } from 'idb';
import type { PhotoReference } from '../../core/reports/report.ts';

export const PHOTO_QUEUE_DATABASE_NAME = 'hlucha-mista-photos';

export type PhotoUploadState = 'waiting' | 'uploading' | 'sent' | 'failed';

export interface PhotoQueueEntry {
  reportId: string;
  photoId: string;
  mimeType: PhotoReference['mimeType'];
  /** Persisted as waiting, sent or failed; "uploading" lives only while the request runs. */
  state: PhotoUploadState;
  /** Failed: the server's code (photo.tooLarge, photo.contentMismatch …). */
  code?: string;
  /** True when the photo came from the server (downloaded): nothing of this browser's to show or send. */
  downloaded?: boolean;
}

export interface PhotoQueueRecord {
  serverUrl: string;
  /** By queueKey(reportId, photoId). */
  entries: Record<string, PhotoQueueEntry>;
}

export interface PhotoQueueStorage {
  load(serverUrl: string): Promise<PhotoQueueRecord | null>;
  save(record: PhotoQueueRecord): Promise<void>;
  remove(serverUrl: string): Promise<void>;
}

export function queueKey(reportId: string, photoId: string): string {
  return `${reportId}/${photoId}`;
}

export async function openPhotoQueueStorage(
  factory: IDBFactory | null | undefined = globalThis.indexedDB,
  name = PHOTO_QUEUE_DATABASE_NAME,
): Promise<PhotoQueueStorage | null> {
  if (!factory) return null;
  let database: IDBPDatabase;
  try {
    const request = factory.open(name, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore('queues', { keyPath: 'serverUrl' });
    };
    database = (await wrap(request)) as IDBPDatabase;
  } catch {
    return null;
  }
  return {
    async load(serverUrl) {
      return ((await database.get('queues', serverUrl)) as PhotoQueueRecord | undefined) ?? null;
    },
    async save(record) {
      await database.put('queues', record);
    },
    async remove(serverUrl) {
      await database.delete('queues', serverUrl);
    },
  };
}

/** What one upload attempt gave: sent, refused with a code, or not reached (the queue stops and waits). */
export type UploadAttempt = { outcome: 'sent' } | { outcome: 'refused'; code: string } | { outcome: 'unreachable'; failure: string };

export class PhotoQueue {
  private record: PhotoQueueRecord;
  /** Called whenever a state changes (the store publishes the states: "odesílá se" shows while a request runs). */
  onChange: (() => void) | null = null;

  constructor(
    private readonly storage: PhotoQueueStorage | null,
    serverUrl: string,
    record?: PhotoQueueRecord,
  ) {
    this.record = record ?? { serverUrl, entries: {} };
  }

  static async open(storage: PhotoQueueStorage | null, serverUrl: string): Promise<PhotoQueue> {
    const stored = storage ? await storage.load(serverUrl).catch(() => null) : null;
    // A request cut off by a reload was never answered: it waits again.
    if (stored) for (const entry of Object.values(stored.entries)) if (entry.state === 'uploading') entry.state = 'waiting';
    return new PhotoQueue(storage, serverUrl, stored ?? undefined);
  }

  entry(reportId: string, photoId: string): PhotoQueueEntry | undefined {
    return this.record.entries[queueKey(reportId, photoId)];
  }

  entries(): PhotoQueueEntry[] {
    return Object.values(this.record.entries);
  }

  /** Queues a report's photo for upload (a photo already queued, sent or failed keeps its state). */
  enqueue(reportId: string, photo: PhotoReference): boolean {
    const key = queueKey(reportId, photo.id);
    if (this.record.entries[key]) return false;
    this.record.entries[key] = { reportId, photoId: photo.id, mimeType: photo.mimeType, state: 'waiting' };
    this.onChange?.();
    return true;
  }

  /** The server has this photo (it came from there): nothing to upload. */
  markSent(reportId: string, photo: PhotoReference): void {
    this.record.entries[queueKey(reportId, photo.id)] = { reportId, photoId: photo.id, mimeType: photo.mimeType, state: 'sent', downloaded: true };
    this.onChange?.();
  }

  /** A person asks to try a failed photo again. */
  retry(reportId: string, photoId: string): void {
    const entry = this.entry(reportId, photoId);
    if (entry?.state !== 'failed') return;
    entry.state = 'waiting';
    delete entry.code;
    this.onChange?.();
  }

  /** Forgets photos no report references any more (replaced, removed, the report deleted). */
  prune(current: (reportId: string) => PhotoReference | null): void {
    for (const [key, entry] of Object.entries(this.record.entries)) {
      if (current(entry.reportId)?.id !== entry.photoId) delete this.record.entries[key];
    }
  }

  /**
   * Uploads the waiting photos whose report the server has accepted (`ready`), one at a time, through `upload`.
   * Stops at the first that cannot reach the server (it and the rest keep waiting) and answers that failure.
   */
  async upload(ready: (entry: PhotoQueueEntry) => boolean, upload: (entry: PhotoQueueEntry) => Promise<UploadAttempt>): Promise<string | null> {
    try {
      for (const entry of this.entries()) {
        if (entry.state !== 'waiting' || !ready(entry)) continue;
        entry.state = 'uploading';
        this.onChange?.();
        const attempt = await upload(entry);
        if (attempt.outcome === 'sent') entry.state = 'sent';
        else if (attempt.outcome === 'refused') {
          entry.state = 'failed';
          entry.code = attempt.code;
        } else {
          entry.state = 'waiting';
          this.onChange?.();
          return attempt.failure;
        }
        this.onChange?.();
        await this.save();
      }
      return null;
    } finally {
      await this.save();
    }
  }

  async forget(): Promise<void> {
    this.record = { serverUrl: this.record.serverUrl, entries: {} };
    await this.storage?.remove(this.record.serverUrl).catch(() => undefined);
  }

  async save(): Promise<void> {
    const persisted: PhotoQueueRecord = {
      serverUrl: this.record.serverUrl,
      entries: Object.fromEntries(
        Object.entries(this.record.entries).map(([key, entry]) => [key, entry.state === 'uploading' ? { ...entry, state: 'waiting' as const } : entry]),
      ),
    };
    await this.storage?.save(persisted).catch(() => undefined);
  }
}
