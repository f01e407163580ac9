// Production server for the built storefront: hashed assets are cached for a year,
// everything else goes through Remix.
import { createRequestHandler } from "@remix-run/express"
import compression from "compression"
import express from "express"

const port = Number(process.env.PORT) || 8000
// The build refuses unsafe production settings (app/lib/config.server.ts): say what to set, without a stack trace.
const build = await import("./build/server/index.js").catch((err) => {
  console.error(`storefront: ${err instanceof Error ? err.message : err}`)
  process.exit(1)
})

const app = express()
app.disable("x-powered-by")
// Security headers on every response, static files included (app/lib/security.server.ts).
app.use(build.entry.module.securityHeaders)
// req.ip is the buyer's address: behind a reverse proxy on this machine (loopback) its X-Forwarded-For is
// trusted; set TRUST_PROXY (Express syntax, e.g. "10.0.0.0/8") for a load balancer elsewhere.
app.set("trust proxy", process.env.TRUST_PROXY || "loopback")
app.use(compression())
app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }))
app.use(express.static("build/client", { maxAge: "1h" }))
// Posts from other sites are marked here and refused by the action's verifiedForm (app/lib/csrf.server.ts).
app.use(build.entry.module.sameOriginPosts)
// The provenance pages forward the buyer's IP to the backend, which counts scans per (hashed) IP.
app.all(
  "*",
  createRequestHandler({
    build,
    mode: process.env.NODE_ENV,
    getLoadContext: (req, res) => ({ clientIp: req.ip, crossSite: res.locals.crossSite ?? null }),
  })
)

const server = app.listen(port, () => {
  console.log(`storefront listening on http://localhost:${port}`)
})

for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => server.close(() => process.exit(0)))
}
