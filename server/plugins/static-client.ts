// Serves the built client (dist/client) and answers every non-API page with index.html (client routing).
import { existsSync } from "node:fs";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

export default fp(async function staticClient(app: FastifyInstance, { clientDir }: { clientDir: string }) {
  if (!existsSync(path.join(clientDir, "index.html"))) {
    app.log.warn(`no built client in ${clientDir}: run "npm run build:client"; the API works without it`);
    return;
  }
  await app.register(fastifyStatic, {
    root: clientDir,
    wildcard: false,
    index: false,
    setHeaders(res, file) {
      // Hashed assets never change; index.html must always be fresh.
      res.header("cache-control", file.includes(`${path.sep}assets${path.sep}`) ? "public, max-age=31536000, immutable" : "no-cache");
    },
  });
  app.get("/*", { config: { access: "public" }, schema: { hide: true } }, async (request, reply) => {
    const url = request.url.split("?")[0] ?? "/";
    if (url.startsWith("/api/")) return reply.callNotFound();
    const file = path.normalize(url).replace(/^[/\\]+/, "");
    if (file && existsSync(path.join(clientDir, file)) && !file.includes("..")) return reply.sendFile(file);
    return reply.header("cache-control", "no-cache").sendFile("index.html");
  });
});
