import { useT } from './storeContext.tsx';

/**
 * "Přeskočit na mapu": moves the keyboard focus to the map without scrolling the page (following the #map link
 * scrolled the header and toolbar out of view and left a blank band below the map). Without script it is a link.
 */
export function SkipToMapLink() {
  const t = useT();
  return (
    // biome-ignore lint/a11y/useValidAnchor: a real link to #map that works without script; the script only keeps the page from scrolling
    <a
      className="skip-link"
      href="#map"
      onClick={(event) => {
        const canvas = document.querySelector<HTMLElement>('#map canvas');
        if (!canvas) return;
        event.preventDefault();
        canvas.focus({ preventScroll: true });
        // Only where the map is out of view (a narrow screen) does the page move, and no further than needed.
        const box = canvas.getBoundingClientRect();
        if (box.bottom <= 0 || box.top >= window.innerHeight) canvas.scrollIntoView({ block: 'nearest' });
      }}
    >
      {t('app.skipToMap')}
    </a>
  );
}
