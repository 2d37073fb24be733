/**
 * Obec names as HTML labels once the map is zoomed in far enough to read them; only the obce in view get a
 * label, so a kraj with a thousand obce stays light. Like the ORP labels, they ignore the pointer.
 */
import { Marker, type Map as MapLibreMap } from 'maplibre-gl';
import type { ObceCollection } from '../core/packs/packFormat.ts';
import { labelPoint } from './labelPoint.ts';

/** From this zoom on obec names replace the ORP names (see `.map-canvas[data-label-level]` in app.css). */
export const OBEC_LABEL_MIN_ZOOM = 10.5;
/** More labels than this in view would be clutter: show none. */
const MAX_LABELS = 160;

interface LabelPlace {
  kod: string;
  nazev: string;
  lngLat: [number, number];
}

export class ObecLabels {
  /** The kraj's obce; their label points are computed when first zoomed in (not while the first map is drawn). */
  private obce: ObceCollection | null = null;
  private placesOf: ObceCollection | null = null;
  private places: LabelPlace[] = [];
  private readonly markers = new Map<string, Marker>();

  constructor(
    private readonly map: MapLibreMap,
    private readonly container: HTMLElement,
  ) {
    this.map.on('moveend', this.update);
  }

  show(obce: ObceCollection): void {
    this.obce = obce;
    this.clear();
    this.update();
  }

  destroy(): void {
    this.map.off('moveend', this.update);
    this.clear();
  }

  private readonly update = (): void => {
    const zoomedIn = this.map.getZoom() >= OBEC_LABEL_MIN_ZOOM;
    this.container.dataset.labelLevel = zoomedIn ? 'obec' : 'orp';
    if (!zoomedIn) return this.clear();
    if (this.obce && this.placesOf !== this.obce) {
      this.places = this.obce.features.map((feature) => ({
        kod: feature.properties.kod,
        nazev: feature.properties.nazev,
        lngLat: labelPoint(feature.geometry),
      }));
      this.placesOf = this.obce;
    }
    const bounds = this.map.getBounds();
    const visible = this.places.filter((place) => bounds.contains(place.lngLat));
    if (visible.length > MAX_LABELS) return this.clear();
    const wanted = new Set(visible.map((place) => place.kod));
    for (const [kod, marker] of this.markers) {
      if (!wanted.has(kod)) {
        marker.remove();
        this.markers.delete(kod);
      }
    }
    for (const place of visible) {
      if (this.markers.has(place.kod)) continue;
      const element = document.createElement('div');
      element.className = 'obec-label';
      element.textContent = place.nazev;
      this.markers.set(place.kod, new Marker({ element, anchor: 'center' }).setLngLat(place.lngLat).addTo(this.map));
    }
  };

  private clear(): void {
    for (const marker of this.markers.values()) marker.remove();
    this.markers.clear();
  }
}
