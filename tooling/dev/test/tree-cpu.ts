// The CPU time a process and every process below it have used, read from
// /proc: the work a child tree did, which a loaded machine does not stretch as
// it stretches the wall clock. A process's reaped children are in its own
// cutime and cstime, the live ones are read one by one, so nothing counts twice.
import { readdirSync, readFileSync } from "node:fs";

/** Clock ticks of 10 ms (USER_HZ, 100 on Linux). */
const TICK_MS = 10;

interface Stat {
  ppid: number;
  /** utime + stime + cutime + cstime, in ms. */
  cpuMs: number;
}

function stat(pid: string): Stat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // After the command name (which may hold spaces): field 3 (state) first, so ppid (4) is at 1
    // and utime, stime, cutime, cstime (14 to 17) at 11 to 14.
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return {
      ppid: Number(fields[1]),
      cpuMs: (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) * TICK_MS,
    };
  } catch {
    return undefined; // gone in between
  }
}

/** CPU time (ms) of `root` and its descendants so far; undefined where /proc does not exist. */
export function treeCpuMs(root: number): number | undefined {
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  const stats = new Map<number, Stat>();
  for (const pid of pids) {
    const found = stat(pid);
    if (found) {
      stats.set(Number(pid), found);
    }
  }
  if (!stats.has(root)) {
    return undefined;
  }
  const children = new Map<number, number[]>();
  for (const [pid, { ppid }] of stats) {
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  let total = 0;
  const queue = [root];
  while (queue.length) {
    const pid = queue.pop()!;
    total += stats.get(pid)?.cpuMs ?? 0;
    queue.push(...(children.get(pid) ?? []));
  }
  return total;
}
