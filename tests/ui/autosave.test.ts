import { describe, expect, it, vi } from 'vitest';
import { AUTOSAVE_DELAY_MS, createDebouncedSave } from '../../src/ui/reports/autosave.ts';

describe('saving after a pause in typing', () => {
  it('saves once, a pause after the last keystroke; flush saves at once; nothing pending flushes to nothing', async () => {
    vi.useFakeTimers();
    try {
      let saves = 0;
      const debounced = createDebouncedSave(async () => void saves++);
      for (let i = 0; i < 10; i++) {
        debounced.schedule();
        vi.advanceTimersByTime(AUTOSAVE_DELAY_MS - 50);
      }
      expect(saves).toBe(0);
      vi.advanceTimersByTime(60);
      expect(saves).toBe(1);
      expect(debounced.pending).toBe(false);
      debounced.schedule();
      await debounced.flush();
      expect(saves).toBe(2);
      vi.advanceTimersByTime(AUTOSAVE_DELAY_MS * 2);
      expect(saves).toBe(2);
      await debounced.flush();
      expect(saves).toBe(2);
      debounced.schedule();
      debounced.cancel();
      vi.advanceTimersByTime(AUTOSAVE_DELAY_MS * 2);
      expect(saves).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
