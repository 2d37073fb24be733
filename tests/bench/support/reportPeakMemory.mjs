// Preloaded into a child process by a benchmark (`node --import ./reportPeakMemory.mjs …`): prints the process's
// peak resident memory (kB) on stderr as it exits, as one JSON line the benchmark reads.
process.on('exit', () => process.stderr.write(`\n${JSON.stringify({ peakRssKb: process.resourceUsage().maxRSS })}\n`));
