export default async function globalTeardown(): Promise<void> {
  await globalThis.__ITAM_EMBEDDED__?.stop();
}
