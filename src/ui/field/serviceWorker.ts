/**
 * The offline app's service worker (built by vite-plugin-pwa, see vite.config.ts): registered once at start-up in
 * a production build. A new version waits; the store's `appUpdate` says so and the banner offers it. Applying it
 * saves the open form first, and is refused while reports are not saved on the device (the reload would lose them).
 */
import { registerSW } from 'virtual:pwa-register';
import type { AppStore } from '../../store/appStore.ts';
import { savePendingEdits } from './pendingEdits.ts';

let applyUpdate: ((reloadPage?: boolean) => Promise<void>) | null = null;

export function registerServiceWorker(store: AppStore): void {
  if (!import.meta.env.PROD || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  applyUpdate = registerSW({
    immediate: true,
    onNeedRefresh: () => store.getState().setAppUpdate('waiting'),
    onOfflineReady: () => store.getState().setAppUpdate('offlineReady'),
  });
  void prepareStage2AfterFirstInteraction(store);
}

/**
 * Stage 2 of the offline copy (the rest of the app, config/offlineStages.ts) once the user has done something on
 * the page and the service worker's own stage 1 is in place: so it never competes with the first screen.
 */
async function prepareStage2AfterFirstInteraction(store: AppStore): Promise<void> {
  await store.getState().checkOfflineApp();
  await new Promise<void>((resolve) => {
    const done = () => {
      for (const type of INTERACTIONS) window.removeEventListener(type, done, true);
      resolve();
    };
    for (const type of INTERACTIONS) window.addEventListener(type, done, { capture: true, passive: true });
  });
  await navigator.serviceWorker.ready;
  if (navigator.onLine && store.getState().offlineApp.status === 'idle') await store.getState().prepareOfflineApp();
}

const INTERACTIONS = ['pointerdown', 'keydown', 'wheel'] as const;

/** "Aktualizovat": false (nothing done) while reports are unsaved; otherwise saves the form and reloads. */
export async function updateApp(store: AppStore): Promise<boolean> {
  await savePendingEdits();
  // The store's own queue has written what it could; anything still unsaved would be lost by a reload.
  if (store.getState().storage.state === 'failing') return false;
  store.getState().setAppUpdate('updating');
  await applyUpdate?.(true);
  return true;
}
