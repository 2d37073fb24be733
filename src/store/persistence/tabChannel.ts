/**
 * Tabs of the app on the same data tell each other what they saved (ids with the stored revision) over a
 * BroadcastChannel; the other tabs re-read those records from IndexedDB. Messages carry states, never reports:
 * the database stays the one source of truth.
 */
import type { StoredState } from './reportDatabase.ts';

export const TAB_CHANNEL_NAME = 'hlucha-mista';

export interface ReportsSavedMessage {
  type: 'reportsSaved';
  /** The database the records were saved in (tabs of one origin may, in tests, use several). */
  database: string;
  /** The sending tab, so that a tab ignores its own messages wherever a channel echoes them. */
  tab: string;
  changes: Array<{ id: string; state: StoredState }>;
}

export interface TabChannel {
  announce(message: Omit<ReportsSavedMessage, 'type' | 'tab' | 'database'>): void;
  close(): void;
}

function isReportsSavedMessage(data: unknown): data is ReportsSavedMessage {
  if (typeof data !== 'object' || data === null) return false;
  const message = data as Partial<ReportsSavedMessage>;
  return message.type === 'reportsSaved' && typeof message.tab === 'string' && typeof message.database === 'string' && Array.isArray(message.changes);
}

/** Opens the channel, or returns null where BroadcastChannel does not exist (then tabs learn on reload). */
export function openTabChannel(options: {
  name: string;
  database: string;
  tab: string;
  onSaved: (changes: ReportsSavedMessage['changes']) => void;
}): TabChannel | null {
  if (typeof BroadcastChannel !== 'function') return null;
  const channel = new BroadcastChannel(options.name);
  channel.onmessage = (event: MessageEvent<unknown>) => {
    const data = event.data;
    if (!isReportsSavedMessage(data) || data.tab === options.tab || data.database !== options.database) return;
    options.onSaved(data.changes);
  };
  return {
    announce: ({ changes }) => {
      if (changes.length === 0) return;
      const message: ReportsSavedMessage = { type: 'reportsSaved', database: options.database, tab: options.tab, changes };
      try {
        channel.postMessage(message);
      } catch {
        // a closed channel: the other tabs will see the change when they next read
      }
    },
    close: () => channel.close(),
  };
}

export interface ReviewSavedMessage {
  type: 'reviewSaved';
  database: string;
  tab: string;
}

/**
 * Tabs tell each other that they saved the review; the others re-read and merge it (reviewSlice). Returns null
 * where BroadcastChannel does not exist: then a tab sees the other's review when it next saves (the save merges)
 * or reloads.
 */
export function openReviewChannel(options: { name: string; database: string; tab: string; onSaved: () => void }): { announce(): void; close(): void } | null {
  if (typeof BroadcastChannel !== 'function') return null;
  const channel = new BroadcastChannel(options.name);
  channel.onmessage = (event: MessageEvent<unknown>) => {
    const data = event.data as Partial<ReviewSavedMessage> | null;
    if (!data || data.type !== 'reviewSaved' || data.tab === options.tab || data.database !== options.database) return;
    options.onSaved();
  };
  return {
    announce: () => {
      const message: ReviewSavedMessage = { type: 'reviewSaved', database: options.database, tab: options.tab };
      try {
        channel.postMessage(message);
      } catch {
        // a closed channel: the other tabs merge the review when they next save or read it
      }
    },
    close: () => channel.close(),
  };
}
