// CPU seconds from /proc: a process with its children (the server), and PostgreSQL's processes (utime + stime).
import { readdirSync, readFileSync } from "node:fs";

/** Clock ticks per second of /proc/<pid>/stat's utime and stime: 100 on Linux (USER_HZ). */
const TICKS = 100;

interface Stat { pid: number; ppid: number; comm: string; seconds: number }

function readStat(pid: number): Stat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // comm may hold spaces and parentheses: the fields after it start past the last ")".
    const close = text.lastIndexOf(")");
    const comm = text.slice(text.indexOf("(") + 1, close);
    const fields = text.slice(close + 2).split(" ");
    // Fields after comm: state(0) ppid(1) … utime(11) stime(12).
    return { pid, ppid: Number(fields[1]), comm, seconds: (Number(fields[11]) + Number(fields[12])) / TICKS };
  } catch {
    return null;
  }
}

function allStats(): Stat[] {
  const stats: Stat[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat) stats.push(stat);
  }
  return stats;
}

/** The process and all its descendants now (tsx or npm may stand between us and the server's node). */
export function treeSeconds(root: number): number {
  const stats = allStats();
  const children = new Map<number, Stat[]>();
  for (const s of stats) {
    const list = children.get(s.ppid) ?? [];
    list.push(s);
    children.set(s.ppid, list);
  }
  let total = 0;
  const queue = stats.filter((s) => s.pid === root);
  while (queue.length) {
    const s = queue.pop()!;
    total += s.seconds;
    queue.push(...(children.get(s.pid) ?? []));
  }
  return total;
}

/**
 * CPU of a set of processes that come and go (PostgreSQL backends): for each pid, the last value seen
 * minus the value when first seen, or minus 0 when it was born after the measurement began.
 */
export class PidSetMeter {
  private readonly first = new Map<number, number>();
  private readonly last = new Map<number, number>();
  private started = false;

  /** Call once before the load begins, with the pids that exist then. */
  begin(pids: readonly number[]): void {
    for (const pid of pids) {
      const stat = readStat(pid);
      if (stat) { this.first.set(pid, stat.seconds); this.last.set(pid, stat.seconds); }
    }
    this.started = true;
  }

  sample(pids: readonly number[]): void {
    for (const pid of pids) {
      const stat = readStat(pid);
      if (!stat) continue;
      if (!this.first.has(pid)) this.first.set(pid, this.started ? 0 : stat.seconds);
      this.last.set(pid, stat.seconds);
    }
  }

  seconds(): number {
    let total = 0;
    for (const [pid, last] of this.last) total += last - (this.first.get(pid) ?? 0);
    return total;
  }

  get count(): number {
    return this.last.size;
  }
}
