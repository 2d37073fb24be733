/**
 * No output may carry a path of the machine that built it (a boundary pack built before this rule names its
 * source folder). `withoutLocalPaths` replaces every absolute file path (POSIX, Windows, `file://`, `~/…`) in a
 * text by its last part, so "/home/jana/data/cz (obce …)" reads "cz (obce …)".
 */
const LOCAL_PATH = /(?:file:\/\/)?(?:[A-Za-z]:[\\/]|\\\\|~\/|\/)(?:[^\s\\/()"';,]+[\\/])+([^\s\\/()"';,]*)/g;

export function withoutLocalPaths(text: string): string {
  return text.replace(LOCAL_PATH, (whole, last: string, offset: number, all: string) => {
    // Not a path: a fraction or a date written with slashes ("1/2", "6/2024"), or part of a URL (https://…/…).
    const before = all.slice(Math.max(0, offset - 8), offset);
    if (/[A-Za-z]:\/?$/.test(before) && !/^[A-Za-z]:[\\/]/.test(whole)) return whole;
    if (/\d$/.test(before)) return whole;
    if (/^https?:$/i.test(before.split(/\s/).pop() ?? '')) return whole;
    return last === '' ? (whole.split(/[\\/]/).filter(Boolean).pop() ?? '') : last;
  });
}
