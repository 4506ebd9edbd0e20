// The generator's HTTP client: keep-alive sockets shared by every simulated teacher, each exchange timed end to end.
import http from "node:http";

export interface Reply {
  status: number;
  body: unknown;
  ms: number;
  retryAfter: string | undefined;
  /** Why there was no answer (status 0): no answer within the timeout, or the connection failed (its error code). */
  failure?: string;
}

export class LoadClient {
  private readonly agent: http.Agent;
  private readonly url: URL;

  /** A browser waits long for an answer; a minute without one is a failure. */
  constructor(baseUrl: string, connections: number, private readonly timeoutMs = 60_000) {
    this.url = new URL(baseUrl);
    // Sockets up to `connections` (one per teacher by default, as browsers); were it fewer, as behind a
    // proxy's upstream pool, requests beyond it would wait their turn, and that wait counts in the latency.
    this.agent = new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections, keepAliveMsecs: 10_000 });
  }

  /** Never throws: a failed connection or a timeout is status 0. The time counts from the call, queueing included. */
  request(method: string, path: string, body?: unknown, token?: string): Promise<Reply> {
    const started = performance.now();
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers: Record<string, string> = { accept: "application/json" };
    if (payload) {
      headers["content-type"] = "application/json";
      headers["content-length"] = String(payload.length);
    }
    if (token) headers.authorization = `Bearer ${token}`;
    return new Promise((resolve) => {
      let settled = false;
      const finish = (reply: Omit<Reply, "ms">) => {
        if (settled) return;
        settled = true;
        resolve({ ...reply, ms: performance.now() - started });
      };
      const req = http.request({
        agent: this.agent, host: this.url.hostname, port: this.url.port, method, path, headers, timeout: this.timeoutMs,
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let parsed: unknown = undefined;
          try { parsed = text ? JSON.parse(text) : undefined; } catch { parsed = text; }
          const retryAfter = res.headers["retry-after"];
          finish({ status: res.statusCode ?? 0, body: parsed, retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter });
        });
        res.on("error", (error: NodeJS.ErrnoException) => finish({ status: 0, body: undefined, retryAfter: undefined, failure: error.code ?? error.message }));
      });
      req.on("timeout", () => req.destroy(Object.assign(new Error("timeout"), { code: "timeout" })));
      req.on("error", (error: NodeJS.ErrnoException) => finish({ status: 0, body: undefined, retryAfter: undefined, failure: error.code ?? error.message }));
      if (payload) req.write(payload);
      req.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
