/** Mean Earth radius (IUGG), metres. */
export const EARTH_RADIUS_M = 6_371_008.8;
/** Metres in one degree of latitude on the mean sphere; a degree of longitude is this × cos(latitude). */
export const METRES_PER_DEGREE = (EARTH_RADIUS_M * Math.PI) / 180;
