// scrypt off the event loop: worker threads at a lower CPU priority, one per core, with a queue that refuses when too long.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";

/*
 * A password sign-in costs about 100 ms of one core (scrypt, N = 2^15, r = 8). On exam day thousands
 * sign in within minutes while others are already answering: left in libuv's pool, four hashes at a
 * time would take both cores from the event loop and the database. Here each worker thread lowers its
 * own priority (nice 10, Linux: a thread is a task with its own nice value), so hashes use whatever
 * CPU the exam leaves and yield the moment autosaves need it. Plain JavaScript source: the worker must
 * start the same under tsx, built JavaScript and the test runner.
 */
const WORKER_SOURCE = `
const { parentPort } = require("node:worker_threads");
const { scryptSync } = require("node:crypto");
try {
  const tid = Number(require("node:fs").readlinkSync("/proc/thread-self").split("/").pop());
  if (tid > 0) require("node:os").setPriority(tid, 10);
} catch {}
parentPort.on("message", ({ id, password, salt, keylen, options }) => {
  try {
    parentPort.postMessage({ id, key: scryptSync(password, Buffer.from(salt), keylen, options) });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message || error) });
  }
});`;

export interface ScryptJob { password: string; salt: Buffer; keylen: number; options: { N: number; r: number; p: number; maxmem: number } }

interface Pending extends ScryptJob { id: number; resolve(key: Buffer): void; reject(error: Error): void }

export class PasswordPool {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, { job: Pending; started: number }>();
  private readonly queue: Pending[] = [];
  private created = 0;
  private nextId = 1;
  /** Recent wall time of one hash on a worker, in ms (a moving average; starts at a typical figure). */
  private averageMs = 150;

  constructor(private readonly size = Math.max(1, availableParallelism())) {}

  run(job: ScryptJob): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      this.queue.push({ ...job, id: this.nextId++, resolve, reject });
      this.dispatch();
    });
  }

  /** How long a hash asked for now would wait before its worker starts it, in ms. */
  expectedWaitMs(): number {
    const free = this.size - this.busy.size;
    if (this.queue.length < free) return 0;
    return Math.ceil((this.queue.length + 1 - free) / this.size) * this.averageMs;
  }

  get queued(): number {
    return this.queue.length;
  }

  private dispatch(): void {
    while (this.queue.length && (this.idle.length || this.created < this.size)) {
      const worker = this.idle.pop() ?? this.spawn();
      const job = this.queue.shift()!;
      this.busy.set(worker, { job, started: performance.now() });
      worker.ref();
      worker.postMessage({ id: job.id, password: job.password, salt: job.salt, keylen: job.keylen, options: job.options });
    }
  }

  private spawn(): Worker {
    this.created++;
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    worker.on("message", (message: { id: number; key?: Uint8Array; error?: string }) => {
      const running = this.busy.get(worker);
      this.busy.delete(worker);
      if (running) {
        this.averageMs = 0.8 * this.averageMs + 0.2 * (performance.now() - running.started);
        if (message.key) running.job.resolve(Buffer.from(message.key.buffer, message.key.byteOffset, message.key.byteLength));
        else running.job.reject(new Error(message.error ?? "scrypt failed"));
      }
      this.idle.push(worker);
      // An idle worker must not keep the process alive.
      if (!this.queue.length) worker.unref();
      this.dispatch();
    });
    worker.on("error", (error) => this.lose(worker, error));
    worker.on("exit", (code) => this.lose(worker, new Error(`scrypt worker exited (${code})`)));
    return worker;
  }

  /** A worker that died: its job fails, and a new one is started when needed. */
  private lose(worker: Worker, error: Error): void {
    const running = this.busy.get(worker);
    this.busy.delete(worker);
    const at = this.idle.indexOf(worker);
    if (at >= 0) this.idle.splice(at, 1);
    if (running || at >= 0) this.created--;
    running?.job.reject(error);
    this.dispatch();
  }
}
