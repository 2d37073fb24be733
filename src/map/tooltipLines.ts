/**
 * A map tooltip's content from lines of text: the first in bold, each on its own line. Built from text nodes only,
 * so nothing from a file or the store is ever parsed as HTML.
 */
export function tooltipLines(lines: readonly string[]): HTMLElement {
  const wrapper = document.createElement('div');
  lines.forEach((line, i) => {
    const element = document.createElement(i === 0 ? 'strong' : 'span');
    if (i > 0) element.className = 'obec-tooltip-orp block';
    element.textContent = line;
    wrapper.append(element);
  });
  return wrapper;
}
