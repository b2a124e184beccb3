/**
 * The Node server as `npm start` runs it, for `npm run loadtest`: started with --expose-gc and an IPC
 * channel, it answers the message `measure` with its memory before and after a full garbage collection,
 * so that memory growth between runs is told apart from garbage V8 has not yet collected.
 */
const collect = (globalThis as { gc?: () => void }).gc;
if (collect === undefined || process.send === undefined) throw new Error('start with node --expose-gc and an IPC channel (npm run loadtest does)');

const mib = (bytes: number): number => Math.round((bytes / 1048576) * 10) / 10;

process.on('message', (message) => {
  if (message !== 'measure') return;
  const before = process.memoryUsage();
  collect();
  const after = process.memoryUsage();
  process.send?.({ residentMiB: mib(before.rss), residentAfterGcMiB: mib(after.rss), heapAfterGcMiB: mib(after.heapUsed) });
});
// The IPC channel must not keep the process alive after a graceful shutdown.
process.channel?.unref();

await import('../src/adapters/node');

export {};
