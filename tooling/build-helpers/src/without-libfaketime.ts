// libfaketime, which the suite may run under to move its clock (LD_PRELOAD),
// deadlocks workerd as it starts: workerd's tcmalloc reads the clock while
// libfaketime is still loading. Miniflare starts workerd from this process's
// environment, so `start` runs with libfaketime taken out of LD_PRELOAD (and
// workerd on the real clock); the environment is restored when it settles.
// For tests.
export async function withoutLibfaketime<T>(start: () => Promise<T>): Promise<T> {
  const preload = process.env.LD_PRELOAD;
  if (preload) {
    process.env.LD_PRELOAD = preload
      .split(/[\s:]+/)
      .filter((lib) => !lib.includes("libfaketime"))
      .join(":");
  }
  try {
    return await start();
  } finally {
    if (preload) {
      process.env.LD_PRELOAD = preload;
    }
  }
}
