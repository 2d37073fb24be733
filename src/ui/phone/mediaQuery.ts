/** Media queries the layout follows, as React hooks that update when the query's answer changes. */
import { useSyncExternalStore } from 'react';

/** The phone layout (one column, bottom bar): as wide as the CSS breakpoint in phoneLayout.css. */
export const PHONE_QUERY = '(max-width: 52rem)';
/** A finger, not a mouse: touch hints instead of mouse and keyboard ones. */
export const COARSE_POINTER_QUERY = '(pointer: coarse)';

export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      if (typeof matchMedia === 'undefined') return () => undefined;
      const list = matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    () => (typeof matchMedia === 'undefined' ? false : matchMedia(query).matches),
    () => false,
  );
}

export const usePhoneLayout = () => useMediaQuery(PHONE_QUERY);
export const useCoarsePointer = () => useMediaQuery(COARSE_POINTER_QUERY);
