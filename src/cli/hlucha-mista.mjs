#!/usr/bin/env node
// Entry of the `hlucha-mista` command: registers the TypeScript loader (tsx) and runs src/cli/main.ts (serve, migrate, users: src/server/serverCommand.ts).
import { register } from 'tsx/esm/api';

register();
const [command, ...rest] = process.argv.slice(2);
// The shared workspace's commands belong to the server (a layer above the CLI: src/server/serverCommand.ts).
const serverCommands = { serve: 'runServe', migrate: 'runMigrate', users: 'runUsers' };
if (command in serverCommands) {
  const server = await import('../server/serverCommand.ts');
  process.exitCode = await server[serverCommands[command]](rest);
} else {
  const { main } = await import('./main.ts');
  process.exitCode = await main(process.argv.slice(2));
}
