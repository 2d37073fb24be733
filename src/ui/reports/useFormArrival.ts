import { useEffect, type RefObject } from 'react';

/**
 * A report's form opens at its top — heading and "Zpět na seznam" visible, whatever the sidebar was scrolled to —
 * and its heading takes the focus (the list row or map the person came from is gone or elsewhere).
 */
export function useFormArrival(heading: RefObject<HTMLElement | null>, reportId: string): void {
  useEffect(() => {
    const element = heading.current;
    if (!element) return;
    const form = element.closest('section') ?? element;
    for (let parent = form.parentElement; parent; parent = parent.parentElement) {
      if (parent.scrollHeight > parent.clientHeight && getComputedStyle(parent).overflowY !== 'visible') {
        parent.scrollTop = Math.max(0, parent.scrollTop + form.getBoundingClientRect().top - parent.getBoundingClientRect().top - 8);
        break;
      }
    }
    // Where the page itself scrolls (narrow screens), bring the form's top into view without moving it further.
    if (form.getBoundingClientRect().top < 0) form.scrollIntoView({ block: 'start' });
    element.focus({ preventScroll: true });
  }, [heading, reportId]);
}
