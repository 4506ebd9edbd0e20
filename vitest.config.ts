// Unit tests of the pure modules run isolated; API tests share one migrated database per worker.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: "api",
          include: ["test/api/**/*.test.ts"],
          // One database per worker process, reused by the files it runs: starting PGlite costs seconds.
          pool: "forks",
          isolate: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
