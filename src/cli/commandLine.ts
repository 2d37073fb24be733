/**
 * A command's arguments, read by Node's own `util.parseArgs` in strict mode: every command names its options (those
 * taking a value and the switches), and anything else — a misspelt `--karj`, a value missing after `--out`, a value
 * given to a switch — stops the command with a coded problem instead of being ignored. Shared by the CLI and the
 * server's commands (src/server/serverCommand.ts, the one file of cli/ the server may import besides packsOnDisk.ts).
 *
 * Negative numbers are arguments, not options: S-JTSK coordinates are negative (`lookup --sjtsk -800000 -1100000`).
 */
import { parseArgs } from 'node:util';
import { cliLanguage, cliSentence } from './cliLanguage.ts';

export interface CommandOptions {
  /** Options taking a value: `--name value` or `--name=value`. */
  values?: readonly string[];
  /** Options standing alone: `--name`. */
  switches?: readonly string[];
}

export interface CommandLine {
  flags: Map<string, string | true>;
  positional: string[];
}

export type CommandLineProblem =
  | { code: 'cli.unknownOption'; option: string }
  | { code: 'cli.missingValue'; option: string }
  | { code: 'cli.unexpectedValue'; option: string };

/** Thrown by parseCommandLine; the entry points (cli/main.ts, the server's commands) print it and exit 2. */
export class CommandLineError extends Error {
  constructor(readonly problem: CommandLineProblem) {
    super(`${problem.code}: ${problem.option}`);
    this.name = 'CommandLineError';
  }
}

/** Every command understands `--lang cs|en` (the language of its sentences, see cliLanguage.ts). */
const COMMON_VALUES = ['lang'];
const NEGATIVE_NUMBER = /^-\d/;

export function parseCommandLine(argv: readonly string[], options: CommandOptions = {}): CommandLine {
  const values = [...new Set([...COMMON_VALUES, ...(options.values ?? [])])];
  const switches = options.switches ?? [];
  // parseArgs would read "-800000" as short options: hide negative numbers behind placeholders and restore them.
  const hidden = new Map<string, string>();
  const args = argv.map((arg, i) => {
    if (!NEGATIVE_NUMBER.test(arg)) return arg;
    const placeholder = `\u0000negative-${i}`;
    hidden.set(placeholder, arg);
    return placeholder;
  });
  const restore = (text: string) => hidden.get(text) ?? text;
  // A value option at the end of the line, or followed by another option, has no value (parseArgs would either
  // fail with a generic message or take the next option as the value).
  for (let i = 0; i < args.length; i++) {
    const name = optionName(args[i]!);
    if (name !== null && values.includes(name) && !args[i]!.includes('=')) {
      const next = args[i + 1];
      if (next === undefined || (next.startsWith('--') && next.length > 2)) throw new CommandLineError({ code: 'cli.missingValue', option: `--${name}` });
    }
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: Object.fromEntries([
        ...values.map((name) => [name, { type: 'string' as const }]),
        ...switches.map((name) => [name, { type: 'boolean' as const }]),
      ]),
    });
  } catch (error: unknown) {
    throw new CommandLineError(problemOf(error, args));
  }
  const flags = new Map<string, string | true>();
  for (const [name, value] of Object.entries(parsed.values)) {
    if (value === true) flags.set(name, true);
    else if (typeof value === 'string') flags.set(name, restore(value));
  }
  return { flags, positional: parsed.positionals.map(restore) };
}

function optionName(arg: string): string | null {
  if (!arg.startsWith('--') || arg.length <= 2) return null;
  return arg.slice(2).split('=', 1)[0]!;
}

function problemOf(error: unknown, args: readonly string[]): CommandLineProblem {
  const code = (error as { code?: string } | null)?.code;
  const message = error instanceof Error ? error.message : '';
  // Node names the option in its message: "Unknown option '--karj'", "Option '--public' does not take an argument".
  const named = /'(-[^']*)'/.exec(message)?.[1]?.split(' ')[0] ?? args.find((arg) => arg.startsWith('-')) ?? '';
  const option = named.split('=', 1)[0]!;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return /does not take an argument/.test(message) ? { code: 'cli.unexpectedValue', option } : { code: 'cli.missingValue', option };
  }
  return { code: 'cli.unknownOption', option };
}

/**
 * The entry points' answer to a CommandLineError: one sentence on stderr (Czech, English with `--lang en` anywhere
 * on the line or HLUCHA_MISTA_LANG=en), the usage line when given, and exit code 2 (a usage error, as before).
 */
export function reportCommandLineError(error: CommandLineError, argv: readonly string[], usage?: string): number {
  const at = argv.findIndex((arg) => arg === '--lang' || arg.startsWith('--lang='));
  const asked = at < 0 ? undefined : argv[at]!.includes('=') ? argv[at]!.slice('--lang='.length) : argv[at + 1];
  const language = cliLanguage(new Map(asked === undefined ? [] : [['lang', asked]]));
  process.stderr.write(`${cliSentence(language, error.problem.code, { option: error.problem.option })}\n${usage === undefined ? '' : `${usage}\n`}`);
  return 2;
}
