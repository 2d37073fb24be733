/**
 * The browser's Geolocation API, turned into what the field slice takes: positions and coded problems.
 * High accuracy (GPS), a timeout, and no cached positions older than a few seconds for a single fix.
 */
import type { DevicePosition, GeolocationProblemCode } from '../../store/fieldSlice.ts';

export const SINGLE_FIX_OPTIONS: PositionOptions = { enableHighAccuracy: true, timeout: 20_000, maximumAge: 5_000 };
export const WATCH_OPTIONS: PositionOptions = { enableHighAccuracy: true, timeout: 30_000, maximumAge: 0 };

export function toDevicePosition(position: GeolocationPosition): DevicePosition {
  return {
    lon: position.coords.longitude,
    lat: position.coords.latitude,
    accuracyM: Math.round(position.coords.accuracy * 10) / 10,
    at: new Date(position.timestamp).toISOString(),
  };
}

export function problemOf(error: GeolocationPositionError): GeolocationProblemCode {
  if (error.code === error.PERMISSION_DENIED) return 'geolocation.permissionDenied';
  if (error.code === error.TIMEOUT) return 'geolocation.timeout';
  return 'geolocation.unavailable';
}

/** Why the API cannot be used at all here (null: it can). */
export function unusableReason(): GeolocationProblemCode | null {
  if (typeof window !== 'undefined' && window.isSecureContext === false) return 'geolocation.insecure';
  if (typeof navigator === 'undefined' || !('geolocation' in navigator)) return 'geolocation.unsupported';
  return null;
}

export function currentPosition(): Promise<{ ok: true; position: DevicePosition } | { ok: false; code: GeolocationProblemCode }> {
  const reason = unusableReason();
  if (reason) return Promise.resolve({ ok: false, code: reason });
  return new Promise((resolve) => {
    navigator.geolocation.getCurrentPosition(
      (position) => resolve({ ok: true, position: toDevicePosition(position) }),
      (error) => resolve({ ok: false, code: problemOf(error) }),
      SINGLE_FIX_OPTIONS,
    );
  });
}

/** Watches the position; returns the function that stops watching. */
export function watchPositions(onPosition: (position: DevicePosition) => void, onProblem: (code: GeolocationProblemCode) => void): () => void {
  const reason = unusableReason();
  if (reason) {
    onProblem(reason);
    return () => undefined;
  }
  const id = navigator.geolocation.watchPosition(
    (position) => onPosition(toDevicePosition(position)),
    (error) => onProblem(problemOf(error)),
    WATCH_OPTIONS,
  );
  return () => navigator.geolocation.clearWatch(id);
}
