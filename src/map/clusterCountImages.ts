/**
 * The numbers on the report clusters, without glyphs (the offline map has none): when a cluster's count image is
 * missing, MapLibre asks for it (the missing-image resolver) and it is drawn here on a 2D canvas, once per count and look.
 * Plain digits, no thousands separator, so the same image reads right in Czech and English.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { parseClusterCountImageId, REPORT_COLORS } from './reportLayers.ts';

export function installClusterCountImages(map: MapLibreMap): () => void {
  // The resolver (not the 'styleimagemissing' event): MapLibre waits for it before it gives an image up.
  map.setMissingStyleImageResolver((id) => {
    const wanted = parseClusterCountImageId(id);
    if (!wanted || map.hasImage(id)) return;
    const image = drawCount(String(wanted.count), wanted.demo ? REPORT_COLORS.demo : '#ffffff');
    if (image) map.addImage(id, image, { pixelRatio: PIXEL_RATIO });
  });
  return () => map.setMissingStyleImageResolver(null);
}

/** Drawn at twice the size, so the digits stay sharp on high-density screens. */
const PIXEL_RATIO = 2;
const FONT_PX = 12 * PIXEL_RATIO;

function drawCount(text: string, color: string): ImageData | null {
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d');
  if (!context) return null;
  const font = `bold ${FONT_PX}px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif`;
  context.font = font;
  const width = Math.ceil(context.measureText(text).width) + 4 * PIXEL_RATIO;
  const height = FONT_PX + 6 * PIXEL_RATIO;
  canvas.width = width;
  canvas.height = height;
  context.font = font; // resizing the canvas resets its state
  context.textAlign = 'center';
  context.textBaseline = 'middle';
  context.fillStyle = color;
  context.fillText(text, width / 2, height / 2 + PIXEL_RATIO / 2);
  return context.getImageData(0, 0, width, height);
}
