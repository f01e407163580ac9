// @ts-check (plain JavaScript that node runs as it is, type-checked through JSDoc: npm run typecheck)
// Production server for the built storefront: hashed assets are cached for a year,
// everything else goes through Remix.
// Remix's own Express conversions (request in, response out); the package's index exports only the handler.
import remixExpress from "@remix-run/express/dist/server.js"
import { createRequestHandler as createFetchHandler } from "@remix-run/node"
import compression from "compression"
import express from "express"
import fs from "node:fs"
import { limitedBodies } from "./body-limit.js"
import { pageCache } from "./page-cache.js"

/**
 * The server build (remix vite:build) as this file uses it: Remix's build, whose entry module also exports
 * the Express middleware of app/entry.server.tsx. Typed from the sources, not from the generated file.
 * @typedef {import("@remix-run/node").ServerBuild & { entry: { module: typeof import("./app/entry.server") } }} StorefrontBuild
 */

const { createRemixRequest, sendRemixResponse } = remixExpress

const port = Number(process.env.PORT) || 8000
// Not a literal import: the type checker would read the generated bundle (or miss it before a build).
const buildPath = "./build/server/index.js"
// This computer only, unless the deployment says otherwise (HOST=0.0.0.0 for every interface; README, Deploy): the
// default of backend/src/lib/env.ts listenHost.
const host = process.env.HOST?.trim() || "127.0.0.1"
// The build refuses unsafe production settings (app/lib/config.server.ts): say what to set, without a stack trace.
/** @type {StorefrontBuild} */
const build = await import(buildPath).catch((err) => {
  console.error(`storefront: ${err instanceof Error ? err.message : err}`)
  process.exit(1)
})

const app = express()
app.disable("x-powered-by")
// Security headers on every response, static files included (app/lib/security/security.server.ts).
app.use(build.entry.module.securityHeaders)
// req.ip is the buyer's address: behind a reverse proxy on this machine (loopback) its X-Forwarded-For is
// trusted; set TRUST_PROXY (Express syntax, e.g. "10.0.0.0/8") for a load balancer elsewhere.
app.set("trust proxy", process.env.TRUST_PROXY || "loopback")
app.use(compression())
app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }))
// The few files at the top of build/client (favicon …), looked up once: a stat per page request costs more
// than serving a cached page.
const topFiles = new Set(fs.readdirSync("build/client", { withFileTypes: true }).filter((e) => e.isFile()).map((e) => `/${e.name}`))
const topStatic = express.static("build/client", { maxAge: "1h", index: false })
app.use((req, res, next) => (topFiles.has(req.path) ? topStatic(req, res, next) : next()))
// Posts from other sites are marked here and refused by the action's verifiedForm (app/lib/security/csrf.server.ts).
app.use(build.entry.module.sameOriginPosts)
// The provenance pages forward the buyer's IP to the backend, which counts scans per (hashed) IP.
/** @type {(req: import("express").Request, res: import("express").Response) => { clientIp: string | undefined, crossSite: unknown } } */
const getLoadContext = (req, res) => ({ clientIp: req.ip, crossSite: res.locals.crossSite ?? null })
// GS1 Digital Link paths (/01/…, every scan) go straight to their resource route's loader: matching the
// shop's routes with optional segments cost Remix a quarter of a scan's CPU (decision 0011).
const remix = createFetchHandler(build, process.env.NODE_ENV)
const digitalLinkRoute = build.routes["routes/01.$"]
if (!digitalLinkRoute) throw new Error("storefront: the build has no routes/01.$")
// The manifest types every route module alike; this one is app/routes/01.$.tsx.
const digitalLink = /** @type {typeof import("./app/routes/01.$")} */ (digitalLinkRoute.module)
/** @type {(request: Request, context: Record<string, unknown>) => Promise<Response>} */
async function handle(request, context) {
  const { pathname } = new URL(request.url)
  if (!pathname.startsWith("/01/")) return remix(request, context)
  try {
    return await digitalLink.loader({ request, params: { "*": pathname.slice(4) }, context })
  } catch (err) {
    if (err instanceof Response) return err
    console.error(`${pathname}:`, err)
    return new Response("Internal error", { status: 500, headers: { "Content-Type": "text/plain; charset=utf-8" } })
  }
}
// Public pages for visitors without a session come from a shared cache that follows their Cache-Control, or keeps
// them while the content stamp they were rendered under is current, each answer with a fresh CSP nonce and the
// browser's own CSRF token (decision 0011).
// A shopper's own pages (cart, checkout) are kept for that shopper while nothing they were rendered from changed
// (decision 0074).
const { sharedPageVisitor, confirmedContentStamp, trackReads, readsCurrent } = build.entry.module
app.use(
  pageCache({ handle, loadContext: getLoadContext, visitor: sharedPageVisitor, stamp: confirmedContentStamp, own: { track: trackReads, current: readsCurrent } })
)
// Bodies are read here, at most 64 KB, before anything else buffers them; larger ones get a 413 (body-limit.js).
app.use(limitedBodies())

/**
 * The Fetch request for Remix: Remix's own conversion, with the body limitedBodies() read (not the socket).
 * @param {express.Request} req
 * @param {express.Response} res
 * @returns {Request}
 */
function remixRequest(req, res) {
  if (req.method === "GET" || req.method === "HEAD") return createRemixRequest(req, res)
  // Converted as a GET, so Remix's helper does not read the (already read) socket; then the read body goes in.
  const head = createRemixRequest(Object.create(req, { method: { value: "GET" } }), res)
  const body = req.body && req.body.length ? req.body : null
  return new Request(head.url, { method: req.method, headers: head.headers, body, signal: head.signal, duplex: "half" })
}

app.all("*", async (req, res, next) => {
  try {
    const request = remixRequest(req, res)
    await sendRemixResponse(res, await remix(request, getLoadContext(req, res)))
  } catch (err) {
    next(err)
  }
})

const server = app.listen(port, host, () => {
  console.log(`storefront listening on ${host}:${port}`)
})

for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => server.close(() => process.exit(0)))
}
