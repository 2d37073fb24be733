/**
 * The H3 resolution of the hexagon views, apart from aggregateReports.ts so that a reader of the constant (the
 * store's slices) does not pull h3-js into the page's first chunk.
 */

/** The FCC aggregates challenge tests in H3 resolution-8 hexagons (~0.74 km²). */
export const DEFAULT_H3_RESOLUTION = 8;
