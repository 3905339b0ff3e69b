import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import * as prettier from 'prettier';
import { stringify } from 'yaml';
import { buildAsyncApiDocument, buildJsonSchemas, standaloneJsonSchema } from '@supportlens/contracts';

/**
 * `npm run contracts:generate`: writes docs/contracts/asyncapi.yaml and one JSON Schema per contract
 * class to docs/contracts/schemas/, all generated from the classes in libs/contracts. The unit test
 * libs/contracts/src/schema/generated-docs.spec.ts fails when they are out of date.
 */
async function main(): Promise<void> {
  const root = repositoryRoot();
  const outDir = join(root, 'docs', 'contracts');
  const schemaDir = join(outDir, 'schemas');
  mkdirSync(schemaDir, { recursive: true });

  const schemas = buildJsonSchemas();
  const files = new Map<string, string>();
  files.set(join(outDir, 'asyncapi.yaml'), stringify(buildAsyncApiDocument(), { lineWidth: 0 }));
  for (const name of Object.keys(schemas)) {
    const schema = standaloneJsonSchema(name, schemas);
    files.set(join(schemaDir, `${name}.schema.json`), JSON.stringify(schema, null, 2));
  }

  for (const [file, text] of files) {
    // Formatted as `npm run lint` checks it, so prettier and the up-to-date test never disagree.
    const formatted = await prettier.format(text, {
      ...(await prettier.resolveConfig(file)),
      filepath: file,
    });
    const unchanged = existsSync(file) && readFileSync(file, 'utf8') === formatted;
    if (!unchanged) writeFileSync(file, formatted);
    console.log(`${unchanged ? 'unchanged' : 'wrote'} ${relative(root, file)}`);
  }
  // A class that is gone (renamed, no longer reachable) must not leave its schema behind.
  for (const entry of readdirSync(schemaDir)) {
    const file = join(schemaDir, entry);
    if (entry.endsWith('.schema.json') && !files.has(file)) {
      rmSync(file);
      console.log(`removed ${relative(root, file)}`);
    }
  }
}

/** The nearest folder above this file with a package.json: the repository, from scripts/ or dist/scripts/. */
function repositoryRoot(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${__dirname}`);
  }
}

main().catch((error: Error) => {
  console.error(`contract generation failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
