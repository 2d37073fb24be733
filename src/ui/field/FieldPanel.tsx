import { useId, useState } from 'react';
import { FIELD_PRESETS, MAX_ACCURACY_LIMITS } from '../../core/field/fieldSettings.ts';
import type { GeolocationProblemCode } from '../../store/fieldSlice.ts';
import { localeOf, type MessageKey } from '../../i18n/translate.ts';
import { useAppStore, useAppStoreApi, useT } from '../storeContext.tsx';
import { environmentKey, problemText } from '../reports/reportText.ts';
import { currentPosition } from './geolocation.ts';
import { GpxImport } from './GpxImport.tsx';

export const geolocationProblemKey = (code: GeolocationProblemCode): MessageKey => `problem.${code}`;

/** Field mode: "Tady není signál", the route recording, GPX import and the accuracy setting. */
export function FieldPanel() {
  const t = useT();
  return (
    <section className="panel field-panel" aria-labelledby="field-title">
      <h2 id="field-title">{t('field.title')}</h2>
      <OfflineReady />
      <OfflineAppStage />
      <PresetChoice />
      <NoSignalButton />
      <p className="small">{t('field.honesty')}</p>
      <RouteRecorder />
      <GpxImport />
      <AccuracySetting />
    </section>
  );
}

/** Once, after the service worker has cached the app: it now opens without a network. */
function OfflineReady() {
  const t = useT();
  const ready = useAppStore((state) => state.appUpdate === 'offlineReady');
  return <div role="status">{ready && <p className="small offline-ready">{t('update.offlineReady')}</p>}</div>;
}

/**
 * Stage 2 of the offline copy (the region overview, package, table import, NetTest, GPX): cached by itself after
 * the first interaction; here it can be asked for, with its size and progress (src/store/offlineAppSlice.ts).
 */
function OfflineAppStage() {
  const t = useT();
  const store = useAppStoreApi();
  const language = useAppStore((state) => state.language);
  const offlineApp = useAppStore((state) => state.offlineApp);
  if (offlineApp.status === 'unavailable') return null;
  const mb = (bytes: number) => (bytes / 1_000_000).toLocaleString(localeOf(language), { maximumFractionDigits: 1, minimumFractionDigits: 1 });
  return (
    <div className="offline-app-stage" aria-live="polite">
      {offlineApp.status === 'ready' && <p className="small">{t('offlineApp.ready', { mb: mb(offlineApp.bytes) })}</p>}
      {offlineApp.status === 'loading' && (
        <p className="small">
          <label>
            {t('offlineApp.loading', { done: mb(offlineApp.doneBytes), mb: mb(offlineApp.bytes) })}{' '}
            <progress max={offlineApp.bytes} value={offlineApp.doneBytes} />
          </label>
        </p>
      )}
      {offlineApp.status === 'failed' && <p className="small">{t('offlineApp.failed', { count: offlineApp.missing })}</p>}
      {(offlineApp.status === 'idle' || offlineApp.status === 'failed') && (
        <button type="button" className="secondary-button" onClick={() => void store.getState().prepareOfflineApp()}>
          {t('offlineApp.prepare', { mb: mb(offlineApp.bytes) })}
        </button>
      )}
    </div>
  );
}

function PresetChoice() {
  const t = useT();
  const preset = useAppStore((state) => state.fieldPreset);
  const setFieldPreset = useAppStore((state) => state.setFieldPreset);
  const recording = useAppStore((state) => state.route !== null);
  return (
    <fieldset className="field-presets">
      <legend>{t('field.preset')}</legend>
      {FIELD_PRESETS.map((code) => (
        <label key={code} className="radio field-preset">
          <input type="radio" name="field-preset" value={code} checked={preset === code} disabled={recording} onChange={() => setFieldPreset(code)} />
          {t(environmentKey(code))}
        </label>
      ))}
    </fieldset>
  );
}

function NoSignalButton() {
  const t = useT();
  const store = useAppStoreApi();
  const capture = useAppStore((state) => state.noSignalCapture);
  const hintId = useId();

  const capturePosition = async () => {
    store.getState().startLocating();
    const result = await currentPosition();
    if (result.ok) await store.getState().reportNoSignalAt(result.position);
    else store.getState().locatingFailed(result.code);
  };

  return (
    <div className="no-signal">
      <button
        type="button"
        className="no-signal-button"
        aria-describedby={hintId}
        disabled={capture.status === 'locating'}
        onClick={() => void capturePosition()}
      >
        <svg width="28" height="28" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
          <path d="M16 29s9-10.2 9-16.3A9 9 0 0 0 7 12.7C7 18.8 16 29 16 29z" fill="currentColor" opacity="0.9" />
          <path d="M10 19 22 7" stroke="#15304a" strokeWidth="2.2" strokeLinecap="round" />
        </svg>
        {t('field.noSignalHere')}
      </button>
      <p className="small" id={hintId}>
        {t('field.noSignalHint')}
      </p>
      <div aria-live="polite">{capture.status === 'locating' && <p className="field-status">{t('field.locating')}</p>}</div>
      {capture.status === 'failed' && (
        <div className="message message-error" role="alert">
          <p>{t(geolocationProblemKey(capture.code))}</p>
          <button type="button" className="link-button" onClick={() => store.getState().dismissNoSignalCapture()}>
            {t('field.dismiss')}
          </button>
        </div>
      )}
      {capture.status === 'refused' && (
        <div className="message message-error" role="alert">
          <p>{t('field.refused', { reason: capture.problems.map((problem) => problemText(t, problem)).join(' ') })}</p>
          <button type="button" className="link-button" onClick={() => store.getState().dismissNoSignalCapture()}>
            {t('field.dismiss')}
          </button>
        </div>
      )}
    </div>
  );
}

function RouteRecorder() {
  const t = useT();
  const store = useAppStoreApi();
  const route = useAppStore((state) => state.route);
  const lastRoute = useAppStore((state) => state.lastRoute);
  return (
    <div className="route-recorder" aria-labelledby="route-title" role="group">
      <h3 id="route-title">{t('route.title')}</h3>
      {!route && (
        <>
          <p className="small">{t('route.explain')}</p>
          <button type="button" className="secondary-button" onClick={() => store.getState().startRoute(new Date().toISOString())}>
            {t('route.start')}
          </button>
          <div role="status">
            {lastRoute && (
              <p className="field-status">
                {t('route.finished', { saved: lastRoute.savedReportIds.length })}
                {lastRoute.refused > 0 && ` ${t('route.refused', { count: lastRoute.refused })}`}
              </p>
            )}
          </div>
        </>
      )}
      {route?.status === 'interrupted' && (
        <div className="message" role="alert">
          <p>{t('route.interrupted', { samples: route.openStretch.length })}</p>
          <div className="button-row">
            <button type="button" className="primary-button" onClick={() => store.getState().resumeRoute()}>
              {t('route.resume')}
            </button>
            <button type="button" className="secondary-button" onClick={() => void store.getState().stopRoute()}>
              {t('route.stop')}
            </button>
          </div>
        </div>
      )}
      {route?.status === 'recording' && (
        <>
          <p className="field-status" role="status">
            {route.lastPosition ? t('route.recording', { samples: route.track.length, saved: route.savedReportIds.length }) : t('route.waitingForPosition')}
            {route.noSignal && ` ${t('route.inStretch', { samples: route.openStretch.length })}`}
          </p>
          {route.lastPosition && <p className="small">{t('route.lastAccuracy', { accuracy: Math.round(route.lastPosition.accuracyM) })}</p>}
          <button
            type="button"
            className={`no-signal-toggle${route.noSignal ? ' no-signal-on' : ''}`}
            aria-pressed={route.noSignal}
            disabled={!route.lastPosition}
            onClick={() => void store.getState().toggleNoSignal()}
          >
            {t(route.noSignal ? 'route.signalBack' : 'route.noSignalFromNow')}
          </button>
          {route.problem && (
            <p className="message message-error" role="alert">
              {t(geolocationProblemKey(route.problem))}
            </p>
          )}
          <div className="button-row">
            <button type="button" className="secondary-button" onClick={() => void store.getState().stopRoute()}>
              {t('route.stop')}
            </button>
          </div>
        </>
      )}
    </div>
  );
}

function AccuracySetting() {
  const t = useT();
  const id = useId();
  const maxAccuracyM = useAppStore((state) => state.maxAccuracyM);
  const setMaxAccuracyM = useAppStore((state) => state.setMaxAccuracyM);
  const [text, setText] = useState<string | null>(null);
  const [invalid, setInvalid] = useState(false);
  return (
    <div className="form-field accuracy-setting">
      <label htmlFor={`${id}-accuracy`}>{t('field.maxAccuracy')}</label>
      <input
        id={`${id}-accuracy`}
        type="number"
        inputMode="numeric"
        min={MAX_ACCURACY_LIMITS.min}
        max={MAX_ACCURACY_LIMITS.max}
        step={1}
        value={text ?? String(maxAccuracyM)}
        aria-invalid={invalid || undefined}
        aria-describedby={`${id}-hint${invalid ? ` ${id}-error` : ''}`}
        onChange={(event) => setText(event.target.value)}
        onBlur={() => {
          if (text === null) return;
          const ok = setMaxAccuracyM(text);
          setInvalid(!ok);
          if (ok) setText(null);
        }}
      />
      <p className="small" id={`${id}-hint`}>
        {t('field.maxAccuracyHint')}
      </p>
      {invalid && (
        <p className="field-problem" id={`${id}-error`} role="alert">
          {t('field.maxAccuracyInvalid')}
        </p>
      )}
    </div>
  );
}
