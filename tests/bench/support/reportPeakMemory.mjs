// Preloaded into a child process by a benchmark (`node --import ./reportPeakMemory.mjs …`): prints the process's
// peak resident memory (kB) on stderr as it exits, as one JSON line the benchmark reads. Linux's VmHWM is this
// process image's own peak; getrusage's maxRSS is not used, as it carries over the parent's size from the fork.
import { readFileSync } from 'node:fs';

function peakRssKb() {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]);
  } catch {
    // Not Linux: fall through.
  }
  return process.resourceUsage().maxRSS;
}

process.on('exit', () => process.stderr.write(`\n${JSON.stringify({ peakRssKb: peakRssKb() })}\n`));
