// When the edit loop's work runs. Two lanes: the rebuild (debounced after a
// save, never two at once: saves during one queue one more, of the latest
// files) and the follow-up (once no save came for `followUpDelayMs`; it runs
// beside a rebuild if a save comes meanwhile, never beside another follow-up).
import type { Saves } from "./rebuild.ts";
import { shown } from "./steps.ts";

export interface LaneOptions {
  debounceMs: number;
  followUpDelayMs: number;
  /** The loop is stopping: start nothing more. */
  stopping: () => boolean;
  rebuild: (saves: Saves) => Promise<void>;
  /** `interrupted` turns true once a save starts the next rebuild's debounce, or a rebuild runs. */
  followUp: (interrupted: () => boolean) => Promise<void>;
  log: (line: string) => void;
}

export interface Lanes {
  /** A spec file was saved. */
  saw: (file: string) => void;
  /** The first build, run before the loop is ready. */
  first: () => Promise<void>;
  /** After "ready": the rebuild queued meanwhile, or else the follow-up. */
  start: () => void;
  idle: () => boolean;
  /** Clears the timers and waits for what runs. */
  stop: () => Promise<void>;
}

export function createLanes({ debounceMs, followUpDelayMs, stopping, rebuild, followUp, log }: LaneOptions): Lanes {
  let debounceTimer: NodeJS.Timeout | undefined;
  let rebuilding: Promise<void> | undefined;
  let queued = false;
  let firstSave: number | undefined;
  let saved = new Set<string>();
  let followUpTimer: NodeJS.Timeout | undefined;
  let following: Promise<void> | undefined;
  let followAgain = false;

  /** The saves since the last rebuild began, handed to the next one. */
  const takeSaves = (): Saves => {
    const saves = { firstAt: firstSave ?? performance.now(), files: [...saved].map(shown) };
    firstSave = undefined;
    saved = new Set();
    return saves;
  };

  /** Starts a rebuild now, or queues one if a rebuild is running. */
  function kick(): void {
    debounceTimer = undefined;
    if (stopping()) {
      return;
    }
    if (rebuilding) {
      queued = true;
      return;
    }
    rebuilding = rebuild(takeSaves())
      .catch((error: Error) => log(`✖ the rebuild failed: ${error.stack ?? error.message}`))
      .finally(() => {
        rebuilding = undefined;
        if (queued) {
          queued = false;
          kick();
        } else {
          scheduleFollowUp();
        }
      });
  }

  function scheduleFollowUp(): void {
    if (stopping()) {
      return;
    }
    clearTimeout(followUpTimer);
    followUpTimer = setTimeout(() => {
      followUpTimer = undefined;
      if (rebuilding || debounceTimer || stopping()) {
        return; // that rebuild schedules the next follow-up
      }
      if (following) {
        followAgain = true;
        return;
      }
      following = followUp(() => Boolean(rebuilding || debounceTimer))
        .catch((error: Error) => log(`✖ the follow-up failed: ${error.stack ?? error.message}`))
        .finally(() => {
          following = undefined;
          if (followAgain) {
            followAgain = false;
            scheduleFollowUp();
          }
        });
    }, followUpDelayMs);
  }

  return {
    saw(file) {
      if (stopping()) {
        return;
      }
      firstSave ??= performance.now();
      saved.add(file);
      clearTimeout(followUpTimer);
      followUpTimer = undefined;
      clearTimeout(debounceTimer);
      debounceTimer = setTimeout(kick, debounceMs);
    },
    async first() {
      rebuilding = rebuild(takeSaves()).finally(() => {
        rebuilding = undefined;
      });
      await rebuilding;
    },
    start() {
      if (queued) {
        kick();
      } else {
        scheduleFollowUp();
      }
    },
    idle: () => !rebuilding && !queued && !debounceTimer && !following && !followUpTimer,
    async stop() {
      clearTimeout(debounceTimer);
      clearTimeout(followUpTimer);
      debounceTimer = undefined;
      followUpTimer = undefined;
      await Promise.allSettled([rebuilding, following]);
    },
  };
}
