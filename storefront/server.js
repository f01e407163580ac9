// Production server for the built storefront: hashed assets are cached for a year,
// everything else goes through Remix.
import { createRequestHandler } from "@remix-run/express"
import compression from "compression"
import express from "express"

const port = Number(process.env.PORT) || 8000
const build = await import("./build/server/index.js")

const app = express()
app.disable("x-powered-by")
// req.ip is the buyer's address: behind a reverse proxy on this machine (loopback) its X-Forwarded-For is
// trusted; set TRUST_PROXY (Express syntax, e.g. "10.0.0.0/8") for a load balancer elsewhere.
app.set("trust proxy", process.env.TRUST_PROXY || "loopback")
app.use(compression())
app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }))
app.use(express.static("build/client", { maxAge: "1h" }))
// The provenance pages forward the buyer's IP to the backend, which counts scans per (hashed) IP.
app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV, getLoadContext: (req) => ({ clientIp: req.ip }) }))

const server = app.listen(port, () => {
  console.log(`storefront listening on http://localhost:${port}`)
})

for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => server.close(() => process.exit(0)))
}
