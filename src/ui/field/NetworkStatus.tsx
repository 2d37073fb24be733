import { useEffect } from 'react';
import { useAppStore, useAppStoreApi, useT } from '../storeContext.tsx';

/** Follows navigator.onLine and the online/offline events into the store. */
export function useNetworkStatus(): void {
  const store = useAppStoreApi();
  useEffect(() => {
    const update = () => store.getState().setOnline(navigator.onLine);
    update();
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, [store]);
}

/**
 * The header's indicator: whether the device has a network connection. It says so honestly: a web page cannot read
 * the mobile signal, and "online" on a weak signal may still mean nothing loads.
 */
export function NetworkStatus() {
  const t = useT();
  const online = useAppStore((state) => state.online);
  return (
    <div
      className={`network-status ${online ? 'network-online' : 'network-offline'}`}
      role="status"
      title={t(online ? 'network.onlineExplain' : 'network.offlineExplain')}
    >
      <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" focusable="false">
        {online ? <circle cx="6" cy="6" r="5" fill="currentColor" /> : <circle cx="6" cy="6" r="4.2" fill="none" stroke="currentColor" strokeWidth="1.8" />}
      </svg>
      <span className="network-label">{t(online ? 'network.online' : 'network.offline')}</span>
      <span className="visually-hidden">{t(online ? 'network.onlineExplain' : 'network.offlineExplain')}</span>
    </div>
  );
}
