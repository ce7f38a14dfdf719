/*
 * The configuration has three descriptions that must agree: the zod schema
 * (what the backend enforces), enclave-backend's config.d.ts (what Backstage's
 * config tooling and visibility rules see) and the README's configuration
 * table (what operators read). A key added to the schema and forgotten in
 * either of the others fails here.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ts from 'typescript';
import { z } from 'zod';
import { dataEnclaveConfigSchema } from './config';

const REPO = resolve(__dirname, '../../..');

function unwrap(schema: z.ZodTypeAny): z.ZodTypeAny {
  let s = schema;
  for (;;) {
    if (s instanceof z.ZodDefault) s = s._def.innerType;
    else if (s instanceof z.ZodOptional || s instanceof z.ZodNullable)
      s = s.unwrap();
    else if (s instanceof z.ZodEffects) s = s.innerType();
    else return s;
  }
}

/** Dotted paths of every key in the schema (`accounts[].roleArn`, unions' members merged). */
function schemaPaths(schema: z.ZodTypeAny, prefix = ''): string[] {
  const s = unwrap(schema);
  if (s instanceof z.ZodObject) {
    return Object.entries(s.shape as Record<string, z.ZodTypeAny>).flatMap(
      ([key, child]) => {
        const path = prefix ? `${prefix}.${key}` : key;
        return [path, ...schemaPaths(child, path)];
      },
    );
  }
  if (s instanceof z.ZodArray)
    return schemaPaths(s.element, `${prefix}[]`).map(p => p);
  if (s instanceof z.ZodDiscriminatedUnion) {
    const paths = [...s.options.values()].flatMap((o: z.ZodTypeAny) =>
      schemaPaths(o, prefix),
    );
    return [...new Set(paths)];
  }
  return [];
}

/** Dotted paths of every property under `dataEnclave` in config.d.ts. */
function declaredPaths(): Set<string> {
  const file = resolve(REPO, 'plugins/enclave-backend/config.d.ts');
  const source = ts.createSourceFile(
    file,
    readFileSync(file, 'utf8'),
    ts.ScriptTarget.Latest,
    true,
  );
  const paths = new Set<string>();
  const visitType = (node: ts.TypeNode | undefined, prefix: string) => {
    if (!node) return;
    if (ts.isTypeLiteralNode(node)) {
      for (const member of node.members) {
        if (ts.isPropertySignature(member) && member.name) {
          const path = `${prefix}${prefix ? '.' : ''}${member.name.getText(
            source,
          )}`;
          paths.add(path);
          visitType(member.type, path);
        }
      }
    } else if (ts.isUnionTypeNode(node))
      node.types.forEach(t => visitType(t, prefix));
    else if (ts.isArrayTypeNode(node))
      visitType(node.elementType, `${prefix}[]`);
    else if (
      ts.isTypeReferenceNode(node) &&
      node.typeName.getText(source) === 'Array'
    )
      visitType(node.typeArguments?.[0], `${prefix}[]`);
  };
  source.forEachChild(node => {
    if (ts.isInterfaceDeclaration(node) && node.name.text === 'Config') {
      for (const member of node.members) {
        if (
          ts.isPropertySignature(member) &&
          member.name.getText(source) === 'dataEnclave'
        ) {
          visitType(member.type, '');
        }
      }
    }
  });
  return paths;
}

describe('configuration reference', () => {
  const paths = schemaPaths(dataEnclaveConfigSchema);

  it('finds the schema keys (guards the walker)', () => {
    expect(paths).toEqual(
      expect.arrayContaining([
        'mode',
        'accounts[].roleArn',
        'terraform.backend.kmsKeyId',
        'terraform.timeouts.applySeconds',
      ]),
    );
  });

  it('declares every schema key in enclave-backend/config.d.ts', () => {
    const declared = declaredPaths();
    expect(paths.filter(p => !declared.has(p))).toEqual([]);
  });

  it('documents every schema key in a configuration table (README or docs/operations.md) (a row for the key or its parent)', () => {
    // The README's table, plus the table of newer keys in docs/operations.md.
    const readme = ['README.md', 'docs/operations.md']
      .map(f => readFileSync(resolve(REPO, f), 'utf8'))
      .join('\n');
    const rows = [...readme.matchAll(/^\|\s*`([^`]+)`\s*\|/gm)].map(m => m[1]);
    const documented = (path: string) =>
      rows.some(
        row =>
          path === row ||
          `${path}[]` === row ||
          path.startsWith(`${row}.`) ||
          path.startsWith(`${row}[]`) ||
          (row.endsWith('[]') && path.startsWith(row)),
      );
    // Group objects (terraform, guardrails, status) are documented through their keys.
    const leavesAndGroups = paths.filter(
      p =>
        !paths.some(q => q.startsWith(`${p}.`)) ||
        rows.includes(p) ||
        rows.includes(`${p}[]`),
    );
    expect(leavesAndGroups.filter(p => !documented(p))).toEqual([]);
  });
});
