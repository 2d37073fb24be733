/**
 * Recording a route: which positions of the device are kept (one every N metres), and how the kept samples are cut
 * into the stretches the person marked "no signal". Pure: the UI feeds it positions from watchPosition.
 */
import { maxOf } from '../math/minMax.ts';
import { distance } from '@turf/turf';

export interface RouteSample {
  lon: number;
  lat: number;
  /** Metres (the device's 95 % radius). */
  accuracyM: number;
  /** ISO date-time. */
  at: string;
  /** The person's mark when the sample was taken: true between "bez signálu od teď" and "signál je zpět". */
  noSignal: boolean;
}

/** Metres between two samples along the earth's surface (haversine). */
export function metresBetween(a: Pick<RouteSample, 'lon' | 'lat'>, b: Pick<RouteSample, 'lon' | 'lat'>): number {
  return distance([a.lon, a.lat], [b.lon, b.lat], { units: 'meters' });
}

/**
 * Whether a new position is kept: the first one always; then once it lies at least `minDistanceM` from the last
 * kept sample. A change of the person's mark is always kept (it is where a stretch begins or ends).
 */
export function shouldKeepSample(last: RouteSample | null, next: RouteSample, minDistanceM: number): boolean {
  if (!last) return true;
  if (last.noSignal !== next.noSignal) return true;
  return metresBetween(last, next) >= minDistanceM;
}

export interface RouteStretch {
  /** [lon, lat] positions; one position when the mark was set and cleared without moving. */
  coordinates: Array<[number, number]>;
  startedAt: string;
  endedAt: string;
  /** The worst accuracy of its samples (metres). */
  worstAccuracyM: number;
}

/**
 * The stretches without signal: every run of consecutive samples marked noSignal. The sample at which signal came
 * back ends the stretch (the person was still without signal on the way to it), so it is included.
 * Repeated positions in a row are dropped.
 */
export function splitIntoStretches(samples: readonly RouteSample[]): RouteStretch[] {
  const stretches: RouteStretch[] = [];
  let current: RouteSample[] = [];
  const close = () => {
    if (current.length === 0) return;
    const coordinates: Array<[number, number]> = [];
    for (const sample of current) {
      const last = coordinates[coordinates.length - 1];
      if (!last || last[0] !== sample.lon || last[1] !== sample.lat) coordinates.push([sample.lon, sample.lat]);
    }
    stretches.push({
      coordinates,
      startedAt: current[0]!.at,
      endedAt: current[current.length - 1]!.at,
      worstAccuracyM: maxOf(current.map((sample) => sample.accuracyM)),
    });
    current = [];
  };
  for (const sample of samples) {
    if (sample.noSignal) current.push(sample);
    else if (current.length > 0) {
      current.push({ ...sample, noSignal: true });
      close();
    }
  }
  close();
  return stretches;
}
