// One timer for every attempt in flight, instead of one per attempt: starting
// and clearing a timer per call cost more than the rest of the client's work.
// An attempt adds its deadline and deletes it when it ends; the timer wakes at
// the earliest deadline, expires what is due and sleeps until the next one.

export interface Deadline {
  at: number;
  expire: () => void;
}

const pending = new Set<Deadline>();
let timer: ReturnType<typeof setTimeout> | undefined;
let timerAt = Infinity;

/** Calls `expire` in `ms` milliseconds, unless `clearDeadline` comes first. */
export function setDeadline(ms: number, expire: () => void): Deadline {
  const deadline = { at: Date.now() + ms, expire };
  pending.add(deadline);
  if (deadline.at < timerAt) wakeAt(deadline.at);
  return deadline;
}

export function clearDeadline(deadline: Deadline): void {
  pending.delete(deadline);
}

function wakeAt(at: number) {
  clearTimeout(timer);
  timerAt = at;
  timer = setTimeout(expireDue, at - Date.now());
  // An attempt in flight keeps the process alive by its connection, not by this timer.
  (timer as { unref?: () => void }).unref?.();
}

function expireDue() {
  timer = undefined;
  timerAt = Infinity;
  const now = Date.now();
  let next = Infinity;
  for (const deadline of pending) {
    if (deadline.at <= now) {
      pending.delete(deadline);
      deadline.expire();
    } else if (deadline.at < next) next = deadline.at;
  }
  if (next < Infinity) wakeAt(next);
}
