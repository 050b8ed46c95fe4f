import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { is, Table } from 'drizzle-orm';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as schema from '../../db/schema';

/**
 * The layering, kept by a test rather than by review: the domain knows nothing of HTTP or Astro,
 * routes reach the database only through the domain, and the browser bundles no server code.
 * Imports are read with the TypeScript parser, so comments, strings and line breaks cannot fool it.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SKIP_DIRS = new Set(['node_modules', 'dist', 'data', 'output', '.astro']);

function walk(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return SKIP_DIRS.has(name) ? [] : walk(path);
    return [path.split(sep).join('/')];
  });
}

const sources = (dir: string) =>
  walk(dir).filter((f) => /\.(ts|mts|cts)$/.test(f) && !f.endsWith('.d.ts'));

interface Import {
  specifier: string;
  /** Erased at compile time: `import type`, or every named binding marked `type`. */
  typeOnly: boolean;
  /** The bound names as exported by the module ('default' and '*' included). */
  names: string[];
}

function importsOf(file: string): Import[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found: Import[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const names: string[] = [];
      let typeOnly = clause?.isTypeOnly ?? false;
      if (clause && !typeOnly) {
        const bindings = clause.namedBindings;
        const named = bindings && ts.isNamedImports(bindings) ? bindings.elements : undefined;
        if (clause.name) names.push('default');
        if (bindings && ts.isNamespaceImport(bindings)) names.push('*');
        for (const el of named ?? [])
          if (!el.isTypeOnly) names.push((el.propertyName ?? el.name).text);
        typeOnly = names.length === 0 && (named?.length ?? 0) > 0;
      }
      found.push({ specifier: node.moduleSpecifier.text, typeOnly, names });
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly, names: ['*'] });
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference)
    ) {
      const expr = node.moduleReference.expression;
      if (ts.isStringLiteral(expr))
        found.push({ specifier: expr.text, typeOnly: node.isTypeOnly, names: ['*'] });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteralLike(arg))
        found.push({ specifier: arg.text, typeOnly: false, names: ['*'] });
    } else if (ts.isImportTypeNode(node)) {
      const arg = node.argument;
      if (ts.isLiteralTypeNode(arg) && ts.isStringLiteral(arg.literal))
        found.push({ specifier: arg.literal.text, typeOnly: true, names: [] });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The repository path a relative specifier points at (without extension), or null for a package. */
function target(file: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  return relative(ROOT, resolve(ROOT, dirname(file), specifier))
    .split(sep)
    .join('/');
}

const under = (path: string | null, dir: string) =>
  path !== null && (path === dir || path.startsWith(`${dir}/`));
const isPackage = (specifier: string, name: string) =>
  specifier === name || specifier.startsWith(`${name}/`);

/** Resolves a relative import of a source file to the file itself (ts, then an index). */
function resolveFile(path: string): string | null {
  for (const candidate of [path, `${path}.ts`, `${path}/index.ts`]) {
    try {
      if (statSync(join(ROOT, candidate)).isFile() && extname(candidate) === '.ts')
        return candidate;
    } catch {
      // not this one
    }
  }
  return null;
}

describe('domain modules know nothing of HTTP or Astro', () => {
  it('no module under functions/domain imports hono, @hono/*, astro, or functions/routes or functions/http', () => {
    const offences = sources('functions/domain').flatMap((file) =>
      importsOf(file)
        .filter(({ specifier }) => {
          const path = target(file, specifier);
          return (
            isPackage(specifier, 'hono') ||
            specifier.startsWith('@hono/') ||
            isPackage(specifier, 'astro') ||
            specifier.startsWith('astro:') ||
            specifier.startsWith('@astrojs/') ||
            under(path, 'functions/routes') ||
            under(path, 'functions/http')
          );
        })
        .map(({ specifier }) => `${file} imports ${specifier}`),
    );
    expect(offences).toEqual([]);
  });
});

describe('routes run no SQL: they call the domain', () => {
  const tables = new Set(
    Object.entries(schema).flatMap(([name, value]) => (is(value, Table) ? [name] : [])),
  );

  it('knows the schema tables (the check below is not vacuous)', () => {
    expect(tables.has('users')).toBe(true);
    expect(tables.has('roles')).toBe(false);
  });

  it('no module under functions/routes imports drizzle-orm (sql, query builders) or a db/schema table', () => {
    const offences = sources('functions/routes').flatMap((file) =>
      importsOf(file).flatMap(({ specifier, typeOnly, names }) => {
        if (typeOnly) return [];
        if (isPackage(specifier, 'drizzle-orm'))
          return [`${file} imports ${names.join(', ')} from ${specifier}`];
        if (!under(target(file, specifier), 'db/schema')) return [];
        const used = names.filter((name) => name === '*' || tables.has(name));
        return used.length > 0
          ? [`${file} imports the table(s) ${used.join(', ')} from ${specifier}`]
          : [];
      }),
    );
    expect(offences).toEqual([]);
  });
});

describe('browser scripts bundle no server code', () => {
  const server = (path: string | null) => under(path, 'functions') || under(path, 'db');

  it('src/scripts imports only types from functions/ and db/, directly or through src/', () => {
    const offences: string[] = [];
    const seen = new Set<string>();
    const follow = (file: string, via: string[]): void => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const { specifier, typeOnly } of importsOf(file)) {
        if (typeOnly) continue;
        const path = target(file, specifier);
        if (server(path)) offences.push(`${[...via, file].join(' → ')} imports ${specifier}`);
        else if (path !== null && under(path, 'src')) {
          const next = resolveFile(path);
          if (next) follow(next, [...via, file]);
        }
      }
    };
    for (const file of sources('src/scripts')) follow(file, []);
    expect(seen.size).toBeGreaterThan(20);
    expect(offences).toEqual([]);
  });
});

describe('file size', () => {
  /** Written by tools, not by hand: drizzle-kit's migration snapshots and the benchmark's results. */
  const generated = (file: string) =>
    file.startsWith('db/migrations/') || file === 'bench/results.json';
  const LIMIT = 400;

  it(`no file in functions/, db/, src/, tests/ or bench/ is over ${LIMIT} lines`, () => {
    const files = ['functions', 'db', 'src', 'tests', 'bench']
      .flatMap(walk)
      .filter((f) => !generated(f));
    const long = files
      .map((file) => {
        const text = readFileSync(join(ROOT, file), 'utf8');
        return { file, lines: text.split('\n').length - (text.endsWith('\n') ? 1 : 0) };
      })
      .filter(({ lines }) => lines > LIMIT)
      .map(({ file, lines }) => `${file}: ${lines} lines`);
    expect(files.length).toBeGreaterThan(500);
    expect(long).toEqual([]);
  });
});
