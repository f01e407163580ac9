// Production server for the built storefront: hashed assets are cached for a year,
// everything else goes through Remix.
import { createRequestHandler } from "@remix-run/express"
import compression from "compression"
import express from "express"

const port = Number(process.env.PORT) || 8000
const build = await import("./build/server/index.js")

const app = express()
app.disable("x-powered-by")
app.use(compression())
app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }))
app.use(express.static("build/client", { maxAge: "1h" }))
app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV }))

const server = app.listen(port, () => {
  console.log(`storefront listening on http://localhost:${port}`)
})

for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => server.close(() => process.exit(0)))
}
