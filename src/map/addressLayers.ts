/**
 * The offline map is not empty: the kraj's RÚIAN address points (every house with a number) from the zoom where
 * they can be told apart, and the names of the části obce as labels. Both only while no web base map is drawn
 * (with one, its own houses and names are there). The points are loaded only when first zoomed in that far, so
 * the first screen does not wait for the address file (≈ 1.5 MB for Karlovarský kraj).
 *
 * Labels are HTML markers like the obec and ORP labels: the offline style has no glyph server and ships no
 * glyphs, and HTML text uses the system font with full Czech diacritics, selectable and readable by zoom.
 */
import { Marker, type GeoJSONSource, type LayerSpecification, type Map as MapLibreMap } from 'maplibre-gl';
import type { Feature, FeatureCollection, Point } from 'geojson';
import type { AddressPointsPack } from '../core/packs/packFormat.ts';

export const ADDRESS_SOURCE = 'address-points';
export const ADDRESS_LAYER = 'address-points';
/** Address points are drawn from this zoom on (at 13 a village shows its shape, from 15 a dot per house). */
export const ADDRESS_MIN_ZOOM = 13;
/** Část obce names from this zoom on (the obec labels start at 10.5). */
export const CAST_LABEL_MIN_ZOOM = 12.5;
/** More names than this in view would be clutter: show none. */
const MAX_LABELS = 120;

export const ADDRESS_COLOR = '#6b4f3a';

export function addressLayer(): LayerSpecification {
  return {
    id: ADDRESS_LAYER,
    type: 'circle',
    source: ADDRESS_SOURCE,
    minzoom: ADDRESS_MIN_ZOOM,
    paint: {
      'circle-color': ADDRESS_COLOR,
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 13, 1.3, 15, 2.8, 16, 3.6, 18, 5.5],
      'circle-opacity': 1,
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': ['interpolate', ['linear'], ['zoom'], 14, 0, 16, 1],
    },
  };
}

export interface CastPlace {
  kod: string;
  nazev: string;
  kodObce: string;
  lngLat: [number, number];
}

/**
 * One label place per část obce: the address point nearest to the mean of its points (the mean of a village in
 * two clusters may fall in a field between them; the nearest house never does).
 */
export function castPlaces(pack: AddressPointsPack): CastPlace[] {
  const n = pack.castiObce.length;
  const sumLon = new Float64Array(n);
  const sumLat = new Float64Array(n);
  const count = new Uint32Array(n);
  for (let i = 0; i < pack.count; i++) {
    const c = pack.cast[i]!;
    sumLon[c]! += pack.lonE6[i]!;
    sumLat[c]! += pack.latE6[i]!;
    count[c]!++;
  }
  const best = new Int32Array(n).fill(-1);
  const bestD = new Float64Array(n).fill(Infinity);
  for (let i = 0; i < pack.count; i++) {
    const c = pack.cast[i]!;
    const dx = pack.lonE6[i]! - sumLon[c]! / count[c]!;
    const dy = pack.latE6[i]! - sumLat[c]! / count[c]!;
    const d = dx * dx * 0.41 + dy * dy; // cos²(50°) ≈ 0.41: degrees of longitude are shorter
    if (d < bestD[c]!) {
      bestD[c] = d;
      best[c] = i;
    }
  }
  const places: CastPlace[] = [];
  pack.castiObce.forEach((cast, c) => {
    const i = best[c]!;
    if (i < 0) return;
    places.push({ ...cast, lngLat: [pack.lonE6[i]! / 1e6, pack.latE6[i]! / 1e6] });
  });
  return places;
}

export function addressFeatureCollection(pack: AddressPointsPack): FeatureCollection<Point> {
  const features: Array<Feature<Point>> = new Array(pack.count);
  for (let i = 0; i < pack.count; i++) {
    features[i] = { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [pack.lonE6[i]! / 1e6, pack.latE6[i]! / 1e6] } };
  }
  return { type: 'FeatureCollection', features };
}

export class AddressOverlay {
  private packId: string | null = null;
  private loading: string | null = null;
  private places: CastPlace[] = [];
  /** Names of the obce, so a část named like its obec (the obec label says it) gets no second label. */
  private obecNames = new Map<string, string>();
  private visible = true;
  private readonly markers = new Map<string, Marker>();

  constructor(
    private readonly map: MapLibreMap,
    private readonly container: HTMLElement,
    private readonly load: (packId: string) => Promise<AddressPointsPack | null>,
  ) {
    this.map.on('moveend', this.update);
  }

  /** The kraj shown now; its address points load when the map is first zoomed in far enough. */
  setPack(packId: string, obecNames: Map<string, string>): void {
    if (packId === this.packId) return;
    this.packId = packId;
    this.obecNames = obecNames;
    this.places = [];
    this.clearLabels();
    (this.map.getSource(ADDRESS_SOURCE) as GeoJSONSource | undefined)?.setData({ type: 'FeatureCollection', features: [] });
    this.container.dataset.addressPoints = '0';
    this.update();
  }

  /** Off while a web base map is drawn. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    if (this.map.getLayer(ADDRESS_LAYER)) this.map.setLayoutProperty(ADDRESS_LAYER, 'visibility', visible ? 'visible' : 'none');
    this.update();
  }

  destroy(): void {
    this.map.off('moveend', this.update);
    this.clearLabels();
  }

  private readonly update = (): void => {
    const zoom = this.map.getZoom();
    const packId = this.packId;
    if (packId && zoom >= CAST_LABEL_MIN_ZOOM && this.loading !== packId && this.container.dataset.addressPack !== packId) {
      this.loading = packId;
      this.load(packId).then(
        (pack) => {
          if (this.packId !== packId) return;
          this.container.dataset.addressPack = packId;
          if (!pack) return;
          this.places = castPlaces(pack);
          (this.map.getSource(ADDRESS_SOURCE) as GeoJSONSource | undefined)?.setData(addressFeatureCollection(pack));
          this.container.dataset.addressPoints = String(pack.count);
          this.update();
        },
        () => {
          // Without the address file the offline map keeps its boundaries; nothing else depends on it.
          if (this.loading === packId) this.loading = null;
        },
      );
    }
    if (!this.visible || zoom < CAST_LABEL_MIN_ZOOM) return this.clearLabels();
    const bounds = this.map.getBounds();
    const inView = this.places.filter((place) => bounds.contains(place.lngLat) && this.obecNames.get(place.kodObce) !== place.nazev);
    if (inView.length > MAX_LABELS) return this.clearLabels();
    const wanted = new Set(inView.map((place) => place.kod));
    for (const [kod, marker] of this.markers) {
      if (!wanted.has(kod)) {
        marker.remove();
        this.markers.delete(kod);
      }
    }
    for (const place of inView) {
      if (this.markers.has(place.kod)) continue;
      const element = document.createElement('div');
      element.className = 'cast-label';
      element.textContent = place.nazev;
      this.markers.set(place.kod, new Marker({ element, anchor: 'center' }).setLngLat(place.lngLat).addTo(this.map));
    }
  };

  private clearLabels(): void {
    for (const marker of this.markers.values()) marker.remove();
    this.markers.clear();
  }
}
