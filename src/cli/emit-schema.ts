/** Writes the SDL that the code builds to schema/schema.graphql (`npm run schema:emit`). */
import fs from 'node:fs';
import path from 'node:path';
import { printSchemaText } from '../schema-text';

async function main(): Promise<void> {
  const file = path.resolve(__dirname, '..', '..', 'schema', 'schema.graphql');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, await printSchemaText());
  process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
