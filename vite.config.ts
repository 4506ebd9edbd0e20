// Builds the client from client/ into dist/client; in development, /api goes to the Fastify server.
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

export default defineConfig({
  root: "client",
  plugins: [react()],
  build: {
    outDir: "../dist/client",
    emptyOutDir: true,
    // The test page carries SurveyJS (about 1.6 MB minified, 330 KB gzipped), loaded only there.
    chunkSizeWarningLimit: 2000,
    sourcemap: false,
  },
  server: {
    port: 5173,
    proxy: { "/api": "http://localhost:3000" },
  },
});
