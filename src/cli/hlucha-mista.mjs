#!/usr/bin/env node
// Entry of the `hlucha-mista` command: registers the TypeScript loader (tsx) and runs src/cli/main.ts.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
