/**
 * How many reports the map draws one by one at every zoom: from MANY_REPORTS on (a kraj's working copy) they are
 * clustered below DETAIL_ZOOM (see reportLayers.ts). Its own module, so the app shell can say so without loading
 * the map's code.
 */
export const MANY_REPORTS = 1000;

/** Whether `count` reports are drawn clustered below DETAIL_ZOOM. */
export function clusteredDisplay(count: number): boolean {
  return count >= MANY_REPORTS;
}
