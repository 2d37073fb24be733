/**
 * Command-line arguments as flags and positional arguments: `--name value` for the names in `valueFlags`,
 * `--name=value` for any, `--name` alone as true. Shared by the CLI (src/cli/main.ts) and the server's commands
 * (src/server/serverCommand.ts), which may not import each other.
 */
export function parseArguments(argv: readonly string[], valueFlags: readonly string[]): { flags: Map<string, string | true>; positional: string[] } {
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
      if (inline !== undefined) flags.set(name, inline);
      else if (valueFlags.includes(name) && i + 1 < argv.length) flags.set(name, argv[++i]!);
      else flags.set(name, true);
    } else positional.push(arg);
  }
  return { flags, positional };
}
