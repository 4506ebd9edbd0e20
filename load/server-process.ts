// Starts Orientir as the README's start line does (its server part, from package.json), waits for health, stops it.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, openSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

export interface RunningServer { process: ChildProcess; pid: number; baseUrl: string; readySeconds: number; logFile: string; command: string }

/**
 * The server part of `npm start`: what follows the client build in package.json's start script
 * (`npm run build:server && node dist/server/main.js`; before, `tsx server/main.ts`). The client is
 * built only when missing: rebuilding it under other users of the same working tree would pull their files away.
 */
export function startCommand(root: string): string {
  const scripts = (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
  const parts = (scripts.start ?? "").split("&&").map((p) => p.trim());
  const server = parts.filter((p) => !p.startsWith("npm run build:client")).join(" && ");
  if (!server) throw new Error("package.json has no start script to run the server");
  return server;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export async function startServer(root: string, env: Record<string, string>, logFile: string): Promise<RunningServer> {
  if (!existsSync(path.join(root, "dist/client/index.html"))) {
    await run("npm", ["run", "build:client"], root);
  }
  const port = await freePort();
  // Build steps of the start line (build:server) run first; the last command becomes the server process itself.
  const steps = startCommand(root).split("&&").map((p) => p.trim());
  const command = steps.pop()!;
  for (const step of steps) await run("sh", ["-c", step], root);
  const log = openSync(logFile, "a");
  const started = performance.now();
  // Through a shell, as npm runs a script; node_modules/.bin first on PATH, as npm puts it.
  const child = spawn("sh", ["-c", `exec ${command}`], {
    cwd: root, stdio: ["ignore", log, log], detached: false,
    env: { ...process.env, PATH: `${path.join(root, "node_modules/.bin")}:${process.env.PATH}`, PORT: String(port), HOST: "127.0.0.1", ...env },
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const exited = new Promise<never>((_, reject) => child.once("exit", (code) => reject(new Error(`the server exited (${code}) before it was ready: see ${logFile}`))));
  await Promise.race([waitForHealth(baseUrl, 300_000), exited]);
  return { process: child, pid: child.pid!, baseUrl, readySeconds: (performance.now() - started) / 1000, logFile, command };
}

async function waitForHealth(baseUrl: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) return;
    } catch { /* not listening yet */ }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the server did not answer /api/health within ${timeoutMs / 1000} s`);
}

/** SIGTERM (the server closes its database and exits), then SIGKILL if it lingers. */
export async function stopServer(server: RunningServer): Promise<void> {
  if (server.process.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => server.process.once("exit", () => resolve()));
  server.process.kill("SIGTERM");
  const timer = setTimeout(() => server.process.kill("SIGKILL"), 20_000);
  await exited;
  clearTimeout(timer);
}

function run(command: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: "inherit" });
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} failed (${code})`))));
  });
}
