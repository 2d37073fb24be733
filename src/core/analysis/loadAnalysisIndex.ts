/**
 * The boundaries the analysis aggregates over: the request's pack (the whole country), else — when that cannot be
 * loaded, e.g. offline with only the kraj's packs stored on the device — the fallback pack (the kraj), whose
 * obce the region overview shows anyway; reports outside it then count as outside. The answer says which was used,
 * so the page can say what is missing. Both failing is `analysis.boundariesUnavailable` for the caller.
 */
export type AnalysisBoundaries = 'requested' | 'fallback';

export async function loadAnalysisIndex<Index>(
  load: (packId: string) => Promise<Index>,
  packId: string,
  fallbackPackId: string | null | undefined,
): Promise<{ index: Index; boundaries: AnalysisBoundaries }> {
  try {
    return { index: await load(packId), boundaries: 'requested' };
  } catch (error: unknown) {
    if (!fallbackPackId || fallbackPackId === packId) throw error;
    return { index: await load(fallbackPackId), boundaries: 'fallback' };
  }
}
