import { useState } from 'react';
import { useAppStore, useAppStoreApi, useT } from '../storeContext.tsx';
import { updateApp } from './serviceWorker.ts';

/** "Nová verze je připravena — Aktualizovat": a new version waits until the person chooses it. */
export function AppUpdateBanner() {
  const t = useT();
  const store = useAppStoreApi();
  const appUpdate = useAppStore((state) => state.appUpdate);
  const [blocked, setBlocked] = useState(false);
  const [later, setLater] = useState(false);
  if ((appUpdate !== 'waiting' && appUpdate !== 'updating') || later) return null;
  return (
    <div className="update-banner" role="region" aria-label={t('update.ready')}>
      <p>
        <strong>{t('update.ready')}</strong>
      </p>
      <div className="button-row">
        <button
          type="button"
          className="primary-button"
          disabled={appUpdate === 'updating'}
          onClick={() => void updateApp(store).then((done) => setBlocked(!done))}
        >
          {t('update.apply')}
        </button>
        <button type="button" className="secondary-button" onClick={() => setLater(true)}>
          {t('update.later')}
        </button>
      </div>
      {blocked && (
        <p className="message message-error" role="alert">
          {t('update.blocked')}
        </p>
      )}
    </div>
  );
}
