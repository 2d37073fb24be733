/**
 * The map's colours, in a module of their own so that the legend (on the first screen) shows them without loading
 * the layer builders (mapStyle.ts, reportLayers.ts: MapLibre, turf), which belong to the map's chunk.
 */
/** Colours shared by the map and the legend, so they cannot drift apart. */
export const COLORS = {
  background: '#d6e0e7',
  otherKraje: '#edf0f2',
  otherKrajeLine: '#ffffff',
  obecLine: '#8e9aa6',
  orpLine: '#4a5a70',
  krajLine: '#1f3350',
  krajCasing: '#ffffff',
  hover: '#1d4ed8',
  selected: '#c2410c',
  myObec: '#15304a',
  /** Pale tints, one per ORP (by ČSÚ code modulo the palette length). */
  orpTints: ['#f8e6d2', '#dcefe0', '#e5e1f5', '#f5efc9', '#d9e9f7', '#f4dde5', '#e6eed2', '#d6eeee'],
} as const;

/** The reports' colours (map layers and legend). */
export const REPORT_COLORS = {
  report: '#b42318',
  demo: '#5b21b6',
  selected: '#1d4ed8',
  casing: '#ffffff',
} as const;
