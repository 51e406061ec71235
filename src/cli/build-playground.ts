/**
 * The playground's build step (run by `npm run build` after tsc): copies the GraphiQL and React
 * UMD bundles from node_modules into dist/playground, which the service serves from then on, so
 * a production install without devDependencies still has its playground.
 */
import path from 'node:path';
import { BUILT_ASSET_DIR, copyPlaygroundAssets } from '../playground';

if (__filename.endsWith('.ts')) {
  // From source the service reads node_modules directly; a copy would land outside dist/.
  process.stderr.write('build-playground: run the compiled script (npm run build)\n');
  process.exit(1);
}
try {
  const files = copyPlaygroundAssets(BUILT_ASSET_DIR);
  process.stdout.write(`playground assets: ${files.join(', ')} → ${path.relative(process.cwd(), BUILT_ASSET_DIR)}\n`);
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
}
