import { vitePlugin as remix } from "@remix-run/dev"
import { fileURLToPath } from "node:url"
import { defineConfig } from "vite"

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true
  }
}

export default defineConfig({
  plugins: [
    remix({
      future: {
        v3_fetcherPersist: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
      },
    }),
  ],
  // The traceability core is a CommonJS workspace package: the server bundle requires it at run time
  // (it is never imported by browser code).
  ssr: { external: ["@mae-mok/traceability"] },
  resolve: { alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) } },
  server: { port: Number(process.env.PORT) || 8000 },
})
