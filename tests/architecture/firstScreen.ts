/**
 * The mayor's first screen (README, "Fast on a weak signal"), as a rule on the import graph: what src/main.tsx reaches
 * through static imports is what the bundler puts into the `first-screen` chunk (config/firstScreen.ts collects the
 * entry's static closure), so a heavy module reached that way is downloaded and run before the first map. Read by
 * firstScreen.test.ts with TypeScript's own parser; dynamic `import()` and `new URL(…, import.meta.url)` are doors,
 * not edges, and `import type` is erased.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** One node of the walk: a file of the repository (relative, forward slashes) or a package specifier at the boundary. */
export interface StaticImport {
  /** The file that imports, relative to the repository. */
  from: string;
  /** The imported file (relative specifier, resolved), or the bare specifier as written (a package). */
  to: string;
  line: number;
  /** For a package: the names imported from it (`*` for a namespace, `default`), to tell turf's heavy modules apart. */
  names: string[];
}

/** Static, running imports of one file (`import … from`, `import '…'`, `export … from`), type-only ones left out. */
export function staticImportsOf(file: string, text: string, root: string): StaticImport[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: StaticImport[] = [];
  const add = (node: ts.Node, specifier: string, names: string[]) => {
    const to = specifier.startsWith('.')
      ? path
          .relative(root, path.resolve(root, path.dirname(file), specifier))
          .split(path.sep)
          .join('/')
      : specifier;
    found.push({ from: file, to, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, names });
  };
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const clause = statement.importClause;
      if (clause?.isTypeOnly) continue;
      const names: string[] = [];
      if (clause?.name) names.push('default');
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) names.push('*');
      if (bindings && ts.isNamedImports(bindings)) {
        const running = bindings.elements.filter((element) => !element.isTypeOnly);
        // `import { type A, type B } from …` is erased like `import type` (as layers.ts counts it).
        if (running.length === 0 && bindings.elements.length > 0 && !clause?.name) continue;
        names.push(...running.map((element) => (element.propertyName ?? element.name).text));
      }
      add(statement, statement.moduleSpecifier.text, names);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
      if (statement.isTypeOnly) continue;
      const clause = statement.exportClause;
      if (clause && ts.isNamedExports(clause)) {
        const running = clause.elements.filter((element) => !element.isTypeOnly);
        if (running.length === 0 && clause.elements.length > 0) continue;
        add(
          statement,
          statement.moduleSpecifier.text,
          running.map((element) => (element.propertyName ?? element.name).text),
        );
      } else add(statement, statement.moduleSpecifier.text, ['*']);
    }
  }
  return found;
}

/** A bare specifier that is an asset, not code: a stylesheet, or Vite's `?url` / `?raw` (the file's address or text). */
export function isAssetSpecifier(specifier: string): boolean {
  return /\.css$/.test(specifier) || /\?(url|raw)$/.test(specifier);
}

/** The package a bare specifier names: `@scope/name` or `name` (the subpath and query dropped). */
export function packageOf(specifier: string): string {
  const parts = specifier.split('?')[0]!.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/**
 * The static closure of `entry`: for every node reached, the node it was first reached from (breadth first, so the
 * chain is a shortest one). Packages are leaves: what a package imports is its own affair, the rule is about which
 * of our files pulls it in.
 */
export function staticClosure(entry: string, root: string): Map<string, StaticImport | null> {
  const reachedFrom = new Map<string, StaticImport | null>([[entry, null]]);
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (!/\.(ts|tsx|mts|js|mjs)$/.test(file)) continue; // CSS, JSON: leaves
    const absolute = path.join(root, file);
    if (!existsSync(absolute)) throw new Error(`${file} (reached from ${reachedFrom.get(file)?.from ?? 'the entry'}) does not exist`);
    for (const edge of staticImportsOf(file, readFileSync(absolute, 'utf8'), root)) {
      if (reachedFrom.has(edge.to)) continue;
      reachedFrom.set(edge.to, edge);
      if (!isBare(edge.to)) queue.push(edge.to);
    }
  }
  return reachedFrom;
}

/** A package specifier (a leaf of the walk), not a file of the repository. */
export const isBare = (node: string) => !/^(src|config|tests|geodata)\//.test(node);

/** The chain from the entry to `node`: `src/main.tsx:6 → src/ui/App.tsx:12 → … → proj4`. */
export function chainTo(node: string, reachedFrom: Map<string, StaticImport | null>): string {
  const steps: string[] = [];
  let edge = reachedFrom.get(node) ?? null;
  while (edge) {
    steps.unshift(`${edge.from}:${edge.line}`);
    edge = reachedFrom.get(edge.from) ?? null;
  }
  return [...steps, node].join(' → ');
}

/** Every package edge of the closure with the names it imports (one entry per importing file). */
export function packageImports(reachedFrom: Map<string, StaticImport | null>, root: string): StaticImport[] {
  const files = [...reachedFrom.keys()].filter((node) => /\.(ts|tsx)$/.test(node) && !isBare(node));
  return files.flatMap((file) => staticImportsOf(file, readFileSync(path.join(root, file), 'utf8'), root).filter((edge) => isBare(edge.to)));
}
