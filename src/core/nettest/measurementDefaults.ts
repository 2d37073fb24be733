/**
 * The defaults of attaching NetTest measurements to localities, apart from attachMeasurements.ts so that the
 * settings (read at start-up) do not pull H3 and the measurement code into the page's first chunk.
 */

/** Margin added to a measurement's location accuracy (metres). */
export const DEFAULT_MEASUREMENT_MARGIN_M = 100;
