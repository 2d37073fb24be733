/**
 * The layer rule of README's architecture section, as data: which src/ folder may import which. Read by
 * layers.test.ts (part of `npm test`) with TypeScript's own parser, so `import type` is told apart from running code.
 *
 *   ui → store → core      map → store → core      cli → core      worker → core      (i18n: everyone but core; i18n → core)
 *   server → core, i18n, cli/packsOnDisk.ts and cli/commandLine.ts (a top layer like cli: nothing in src/ imports it)
 */
import path from 'node:path';
import ts from 'typescript';

export type Layer = 'core' | 'store' | 'ui' | 'map' | 'worker' | 'cli' | 'server' | 'i18n' | 'main';

export interface ImportEdge {
  /** The importing file, relative to the repository, with forward slashes. */
  from: string;
  /** The specifier as written. */
  specifier: string;
  /** The imported file relative to the repository (relative specifiers only), else null. */
  target: string | null;
  line: number;
  /** `import type …` / `export type … from` (or every named binding marked `type`): erased at run time. */
  typeOnly: boolean;
}

export interface Violation extends ImportEdge {
  rule: string;
}

export function layerOf(file: string): Layer | null {
  const match = /^src\/([^/]+)/.exec(file);
  if (!match) return null;
  const folder = match[1]!;
  if (folder === 'main.tsx') return 'main';
  return (['core', 'store', 'ui', 'map', 'worker', 'cli', 'server', 'i18n'] as const).find((l) => l === folder) ?? null;
}

/** Packages that tie code to a runtime (browser, React, MapLibre, Zustand, IndexedDB, Node): never in core. */
const RUNTIME_PACKAGES = /^(node:|react(-dom)?(\/|$)|maplibre-gl|zustand|idb(\/|$)|workbox-|terra-draw|virtual:)/;
/** Worker files the store may import types from (what goes over postMessage); everything else in src/worker runs there. */
const isProtocolFile = (target: string) => /^src\/worker\/[^/]+Protocol\.ts$/.test(target);

/** The rule broken by one import, or null. */
export function checkEdge(edge: ImportEdge): string | null {
  const from = layerOf(edge.from);
  if (!from) return null;
  if (edge.target === null) {
    if (from === 'core' && RUNTIME_PACKAGES.test(edge.specifier)) return `core must not import the runtime package "${edge.specifier}"`;
    return null;
  }
  const to = layerOf(edge.target);
  if (!to || to === from) return null;
  // The server is a top layer: nothing in src/ imports it (only tests do).
  if (to === 'server') return `${from} must not import server`;
  switch (from) {
    case 'core':
      return `core imports nothing outside src/core (found ${to})`;
    case 'store':
      if (to === 'ui' || to === 'map' || to === 'cli') return `store must not import ${to}`;
      if (to === 'worker' && !(edge.typeOnly && isProtocolFile(edge.target))) return 'store may import only types from src/worker/*Protocol.ts';
      return null;
    case 'ui':
      if (to === 'cli') return 'ui must not import cli';
      if (to === 'worker' && !(edge.typeOnly && isProtocolFile(edge.target))) return 'ui may import only types from src/worker/*Protocol.ts';
      return null;
    case 'worker':
      return to === 'ui' || to === 'map' || to === 'store' || to === 'cli' ? `worker must not import ${to}` : null;
    case 'cli':
      return to === 'ui' || to === 'map' || to === 'store' ? `cli must not import ${to}` : null;
    case 'server':
      if (to === 'core' || to === 'i18n') return null;
      if (to === 'cli' && (edge.target === 'src/cli/packsOnDisk.ts' || edge.target === 'src/cli/commandLine.ts')) return null;
      return `server may import only core, i18n, cli/packsOnDisk.ts and cli/commandLine.ts (found ${to})`;
    case 'map':
      return to === 'ui' || to === 'worker' || to === 'cli' ? `map must not import ${to}` : null;
    case 'i18n':
      // Below everything but core: it may use core's pure text helpers (formatMessage's plurals), nothing above.
      return to === 'core' ? null : `i18n must not import ${to}`;
    default:
      return null;
  }
}

/** Every import, export-from, dynamic import() and `new URL('…', import.meta.url)` of one source text. */
export function importsOf(file: string, text: string, root: string): ImportEdge[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const edges: ImportEdge[] = [];
  const add = (node: ts.Node, specifier: string, typeOnly: boolean) => {
    const target = specifier.startsWith('.')
      ? path
          .relative(root, path.resolve(root, path.dirname(file), specifier))
          .split(path.sep)
          .join('/')
      : null;
    edges.push({ from: file, specifier, target, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, typeOnly });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (clause.name === undefined &&
            clause.namedBindings !== undefined &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      add(node, node.moduleSpecifier.text, typeOnly);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node, node.moduleSpecifier.text, node.isTypeOnly);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      add(node, node.arguments[0].text, false);
    } else if (
      ts.isNewExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'URL' &&
      node.arguments?.length === 2 &&
      ts.isStringLiteral(node.arguments[0]!) &&
      node.arguments[0].text.startsWith('.') &&
      /import\.meta\.url/.test(node.arguments[1]!.getText())
    ) {
      // A worker started from the store is a door, not an import of its code: its types were checked above.
      if (!/Worker\.ts$/.test(node.arguments[0].text)) add(node, node.arguments[0].text, false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

/**
 * Runtime globals core must not touch. tsconfig.core.json leaves out the DOM and Node libraries, but a dependency's
 * types (@types/papaparse) pull Node's in, so the names are checked here as well.
 */
const RUNTIME_GLOBALS = new Set([
  'process',
  'Buffer',
  '__dirname',
  '__filename',
  'require',
  'window',
  'document',
  'navigator',
  'localStorage',
  'indexedDB',
  'self',
]);

/** Runtime globals used in a core file: free identifiers (not property names, not declarations). */
export function runtimeGlobalsOf(file: string, text: string): Array<{ name: string; line: number }> {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: Array<{ name: string; line: number }> = [];
  // A name the file declares itself (a local `document` of xmldom's parser) is not the global.
  const declared = new Set<string>();
  const collect = (node: ts.Node) => {
    if (
      (ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isFunctionDeclaration(node) || ts.isBindingElement(node)) &&
      node.name &&
      ts.isIdentifier(node.name)
    )
      declared.add(node.name.text);
    ts.forEachChild(node, collect);
  };
  collect(source);
  const visit = (node: ts.Node) => {
    if (ts.isIdentifier(node) && RUNTIME_GLOBALS.has(node.text) && !declared.has(node.text)) {
      const parent = node.parent;
      const isName =
        (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
        (ts.isPropertyAssignment(parent) && parent.name === node) ||
        ((ts.isPropertySignature(parent) ||
          ts.isPropertyDeclaration(parent) ||
          ts.isMethodDeclaration(parent) ||
          ts.isParameter(parent) ||
          ts.isVariableDeclaration(parent) ||
          ts.isBindingElement(parent)) &&
          parent.name === node) ||
        ts.isImportSpecifier(parent) ||
        ts.isExportSpecifier(parent) ||
        ts.isQualifiedName(parent);
      if (!isName) found.push({ name: node.text, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}
