import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'maplibre-gl/dist/maplibre-gl.css';
import './ui/app.css';
import { createAppStore } from './store/appStore.ts';
import { App } from './ui/App.tsx';
import { StoreProvider } from './ui/storeContext.tsx';
import { registerServiceWorker } from './ui/field/serviceWorker.ts';
import { startAutosave } from './ui/reports/autosave.ts';
import { afterFirstScreen } from './store/firstScreen.ts';
import { languageLoaded, loadLanguage } from './i18n/translate.ts';
import { prefetchMapWorker } from './map/mapWorker.ts';

// First: MapLibre's worker follows the entry on the wire while the map's chunk arrives (src/map/mapWorker.ts).
prefetchMapWorker();

const store = createAppStore();
void store.getState().start();
const reportsLoaded = store.getState().loadReports();
void startAutosave(store, reportsLoaded);
void reportsLoaded.then(() => store.getState().startWorkspace());
void store.getState().loadReview();
void store.getState().loadMeasurements();
void store.getState().restoreZsjLayer();
void store.getState().restoreObecContacts();
void store.getState().loadDeploymentKrajReceiving();
store.getState().restoreRoute();
// The service worker's downloads (the offline copy) start once the first map is usable, not beside it.
afterFirstScreen(() => registerServiceWorker(store));

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
// A page that opens in English waits for its catalogue (preloaded by index.html); if it cannot come, Czech.
const language = store.getState().language;
const languageReady = languageLoaded(language) ? null : loadLanguage(language).catch(() => store.setState({ language: 'cs' }));
const render = () =>
  createRoot(root).render(
    <StrictMode>
      <StoreProvider store={store}>
        <App />
      </StoreProvider>
    </StrictMode>,
  );
if (languageReady) void languageReady.then(render);
else render();
