import { useEffect } from 'react';
import { useAppStore, useAppStoreApi } from '../storeContext.tsx';
import { watchPositions } from './geolocation.ts';

/**
 * While a route is being recorded, the device's positions go to the store (watchPosition). Lives at the app's top,
 * so the recording goes on whatever the sidebar shows.
 */
export function useRouteRecorder(): void {
  const store = useAppStoreApi();
  const recording = useAppStore((state) => state.route?.status === 'recording');
  useEffect(() => {
    if (!recording) return;
    return watchPositions(
      (position) => void store.getState().addRoutePosition(position),
      (code) => store.getState().routeFailed(code),
    );
  }, [recording, store]);
}
