import fs from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  await globalThis.__ITAM_EMBEDDED__?.stop();
  const dir = process.env.ITAM_TEST_EMBEDDED_DIR;
  if (dir && /[/\\]test-pg[/\\]run-\d+$/.test(dir)) fs.rmSync(dir, { recursive: true, force: true });
}
