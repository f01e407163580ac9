import crypto from "node:crypto"
import http from "node:http"
import type { AddressInfo } from "node:net"
import zlib from "node:zlib"
import express from "express"
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest"
import { pageCache, sharedCacheLifetime } from "../../storefront/page-cache.js"
import { createSwrCache } from "../../storefront/app/lib/render/cache.server"
import { readsCurrent, trackReads } from "../../storefront/app/lib/render/reads.server"

// The storefront's shared page cache (docs/decisions/0011-page-caching-and-scan-batching.md) in a real
// Express server, in front of a stand-in for Remix that counts its renders.

let t = 0
const renders: string[] = []
let recalled = false
let base = ""
let server: ReturnType<ReturnType<typeof express>["listen"]>

const PUBLIC = "public, max-age=0, s-maxage=1, stale-while-revalidate=1"

// Stand-ins of a shared render, as app/lib/render/shared-page.server.ts makes them, and what each visitor gets instead:
// its nonce, its CSRF token, its cart badge (from its session cookie). Cookies the shop did not set are ignored.
const NONCE = "stand-in-nonce"
const TOKEN = "stand-in-token"
const BADGE = "stand-in-badge"
let visits = 0
function visitor(cookieHeader: string | undefined) {
  const cookies = new Map((cookieHeader ?? "").split(";").map((c) => c.trim().split("=") as [string, string]))
  const csrf = cookies.get("mm_csrf")
  const session = cookies.get("mm_session")
  return {
    standIns: [NONCE, TOKEN, BADGE],
    session: session !== undefined,
    cookies: [...cookies].filter(([name]) => name === "mm_csrf" || name === "mm_session").map(([n, v]) => `${n}=${v}`).join("; "),
    async fill() {
      visits += 1
      const token = csrf ?? `new-token-${visits}`
      const replacements: [string, string][] = [[NONCE, `nonce-${visits}`], [TOKEN, token], [BADGE, session ? `cart of ${session}` : ""]]
      return { replacements, setCookie: csrf ? null : `mm_csrf=${token}` }
    },
  }
}

async function handle(request: Request, context: { sharedPage?: boolean }): Promise<Response> {
  const url = new URL(request.url)
  if (url.pathname === "/shop") {
    expect(context.sharedPage).toBe(true)
    expect(request.headers.get("cookie")).toBeNull()
    renders.push("/shop")
    return new Response(`<script nonce="${NONCE}"></script><input value="${TOKEN}"><b>${BADGE}</b>`, {
      headers: { "cache-control": PUBLIC, "content-security-policy": `script-src 'nonce-${NONCE}'` },
    })
  }
  renders.push(url.pathname === "/lot" ? `/lot ${request.headers.get("accept-language")}` : url.pathname)
  if (url.pathname === "/scan") return new Response(`scan ${renders.length}`, { headers: { "cache-control": "no-store" } })
  if (url.pathname === "/lot") {
    return new Response(recalled ? "recalled" : "lot", { status: recalled ? 410 : 200, headers: { "cache-control": PUBLIC, vary: "Accept-Language" } })
  }
  return new Response(`page ${url.pathname} ${renders.length}`, { headers: { "cache-control": PUBLIC, "content-type": "text/html" } })
}

beforeAll(async () => {
  const app = express()
  app.use(pageCache({ handle, loadContext: () => ({}), visitor, now: () => t }))
  app.use((_req, res) => void res.send("rendered for this visitor"))
  server = app.listen(0)
  await new Promise((r) => server.once("listening", r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(() => new Promise((r) => server.close(r)))

const get = async (path: string, headers: Record<string, string> = {}) => {
  const res = await fetch(base + path, { headers })
  return {
    status: res.status,
    body: await res.text(),
    age: res.headers.get("age"),
    etag: res.headers.get("etag"),
    cacheControl: res.headers.get("cache-control"),
    csp: res.headers.get("content-security-policy"),
    cookie: res.headers.get("set-cookie"),
  }
}

describe("shared page cache", () => {
  it("reads only the s-maxage of public responses without cookies", () => {
    expect(sharedCacheLifetime(new Headers({ "cache-control": PUBLIC }))).toEqual({ fresh: 1, stale: 1 })
    expect(sharedCacheLifetime(new Headers({ "cache-control": "public, max-age=60" }))).toBeNull()
    expect(sharedCacheLifetime(new Headers({ "cache-control": "private, s-maxage=5" }))).toBeNull()
    expect(sharedCacheLifetime(new Headers({ "cache-control": PUBLIC, "set-cookie": "a=b" }))).toBeNull()
    expect(sharedCacheLifetime(new Headers({ "cache-control": PUBLIC, vary: "*" }))).toBeNull()
  })

  it("renders a public page once while fresh, serves it stale while one refresh runs, then the new one", async () => {
    renders.length = 0
    const first = await get("/home")
    const second = await get("/home")
    expect(second.body).toBe(first.body)
    expect(second.etag).toBe(first.etag)
    expect(renders).toEqual(["/home"])
    t += 1500
    expect((await get("/home")).body).toBe(first.body)
    await new Promise((r) => setTimeout(r, 50))
    expect(renders).toHaveLength(2)
    expect((await get("/home")).body).not.toBe(first.body)
  })

  it("fills each visitor's own nonce and CSRF token into one shared render, and keeps it out of caches further on", async () => {
    renders.length = 0
    const first = await get("/shop")
    const again = await get("/shop")
    const returning = await get("/shop", { cookie: "mm_csrf=tok-of-this-browser" })
    expect(renders).toEqual(["/shop"])
    expect(first.body).not.toContain(NONCE)
    expect(first.body).not.toContain(TOKEN)
    const nonce = (p: { body: string }) => /nonce="([^"]+)"/.exec(p.body)![1]
    expect(new Set([first, again, returning].map(nonce)).size).toBe(3)
    expect(first.csp).toBe(`script-src 'nonce-${nonce(first)}'`)
    expect(first.cookie).toMatch(/^mm_csrf=new-token-\d+$/)
    expect(first.body).toContain(`value="${first.cookie!.slice("mm_csrf=".length)}"`)
    expect(returning.cookie).toBeNull()
    expect(returning.body).toContain('value="tok-of-this-browser"')
    for (const p of [first, again, returning]) expect(p.cacheControl).toBe("private, no-cache")
  })

  it("never shares a no-store answer (a scan) and leaves pages not known to be shared to the app for a session", async () => {
    renders.length = 0
    const scans = await Promise.all([get("/scan"), get("/scan")])
    expect(new Set(scans.map((s) => s.body)).size).toBe(2)
    expect((await get("/cart", { cookie: "mm_session=x" })).body).toBe("rendered for this visitor")
    expect(renders).toEqual(["/scan", "/scan"])
  })

  it("gives shoppers with a cart or a login the shared page with their own header, and ignores cookies it did not set", async () => {
    renders.length = 0
    t += 5000
    await get("/shop")
    const alice = await get("/shop", { cookie: "mm_csrf=tok-a; mm_session=alice" })
    const bob = await get("/shop", { cookie: "_ga=GA1.2.3; mm_session=bob; mm_csrf=tok-b" })
    const tracked = await get("/shop", { cookie: "_ga=GA1.2.3; lb=node-2" })
    expect(renders).toEqual(["/shop"])
    expect(alice.body).toContain("<b>cart of alice</b>")
    expect(alice.body).toContain('value="tok-a"')
    expect(bob.body).toContain("<b>cart of bob</b>")
    expect(bob.body).not.toContain("alice")
    expect(tracked.body).toContain("<b></b>")
    for (const p of [alice, bob, tracked]) expect(p.cacheControl).toBe("private, no-cache")
  })

  it("keeps one copy per Vary value, gzips on request, and drops a url that stopped answering 200", async () => {
    renders.length = 0
    await get("/lot", { "accept-language": "th" })
    await get("/lot", { "accept-language": "en" })
    await get("/lot", { "accept-language": "th" })
    expect(renders).toEqual(["/lot th", "/lot en"])
    const gz = await fetch(base + "/lot", { headers: { "accept-language": "th", "accept-encoding": "gzip" } })
    expect(gz.headers.get("content-encoding")).toBe("gzip")
    expect(await gz.text()).toBe("lot")
    // Stored gzipped only: a client that takes no gzip gets the page inflated.
    const plain = await fetch(base + "/lot", { headers: { "accept-language": "th", "accept-encoding": "identity" } })
    expect(plain.headers.get("content-encoding")).toBeNull()
    expect(await plain.text()).toBe("lot")
    // A page filled in for each visitor: gzipped from its pieces, or plain, the same page either way.
    const filled = await Promise.all(
      ["gzip", "identity"].map(async (encoding) => {
        const res = await fetch(base + "/shop", { headers: { "accept-encoding": encoding, cookie: "mm_csrf=tok-z" } })
        return { encoding: res.headers.get("content-encoding"), vary: res.headers.get("vary"), body: await res.text() }
      })
    )
    expect(filled.map((f) => f.encoding)).toEqual(["gzip", null])
    for (const f of filled) {
      expect(f.body).toMatch(/^<script nonce="nonce-\d+"><\/script><input value="tok-z"><b><\/b>$/)
      expect(f.vary).toContain("accept-encoding")
    }

    recalled = true
    t += 1500
    expect((await get("/lot", { "accept-language": "th" })).status).toBe(200)
    await new Promise((r) => setTimeout(r, 50))
    const after = await get("/lot", { "accept-language": "th" })
    expect(after).toMatchObject({ status: 410, body: "recalled" })
  })
})

/** A page cache in its own Express server for one test; `visit` reads a page (its body). */
async function serve(options: Omit<Parameters<typeof pageCache>[0], "loadContext" | "visitor">) {
  const app = express()
  app.use(pageCache({ loadContext: () => ({}), visitor, ...options }))
  const listening = app.listen(0)
  await new Promise((r) => listening.once("listening", r))
  const at = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`
  return {
    visit: async (path: string) => (await fetch(at + path)).text(),
    close: () => new Promise((r) => listening.close(r)),
  }
}

describe("shared page cache bounds", () => {
  const rendered: string[] = []
  // Each page's body is as long as its path says (/big/4000 → 4000 characters): random (gzip cannot shrink it
  // much) or, under /same/, one letter repeated.
  const sized = async (request: Request) => {
    const url = new URL(request.url)
    rendered.push(url.pathname)
    const [, kind, length] = url.pathname.split("/")
    const body = kind === "same" ? "x".repeat(Number(length)) : crypto.randomBytes(Number(length)).toString("base64").slice(0, Number(length))
    return new Response(body, { headers: { "cache-control": PUBLIC, "content-type": "text/html" } })
  }

  it("keeps at most maxEntries pages and maxBytes of gzipped bodies, dropping the oldest first", async () => {
    rendered.length = 0
    const { visit, close } = await serve({ handle: sized, maxEntries: 3, maxBytes: 10_000, now: () => t })
    try {
      for (const path of ["/a/10", "/b/10", "/c/10", "/a/10"]) await visit(path)
      expect(rendered, "three small pages fit").toEqual(["/a/10", "/b/10", "/c/10"])
      await visit("/d/10") // a fourth entry: the oldest stored (/a) goes
      await visit("/a/10")
      expect(rendered.slice(3)).toEqual(["/d/10", "/a/10"])
      rendered.length = 0
      expect(zlib.gzipSync(crypto.randomBytes(8000).toString("base64").slice(0, 8000)).length).toBeGreaterThan(5000)
      await visit("/e/8000")
      await visit("/f/8000") // two random pages gzip to over 10 000 bytes: /e and the small pages before it go
      await visit("/f/8000")
      await visit("/e/8000")
      expect(rendered).toEqual(["/e/8000", "/f/8000", "/e/8000"])
    } finally {
      await close()
    }
  })

  it("counts the bytes a page takes gzipped, so pages that compress well fit many times the bound", async () => {
    rendered.length = 0
    const { visit, close } = await serve({ handle: sized, maxEntries: 100, maxBytes: 10_000, now: () => t })
    try {
      const paths = Array.from({ length: 20 }, (_, i) => `/same/${6000 + i}`)
      for (const path of paths) await visit(path)
      // 120 000 characters in all, each page a few dozen bytes gzipped: every one is still stored.
      for (const path of paths) expect(await visit(path)).toBe("x".repeat(Number(path.split("/")[2])))
      expect(rendered).toEqual(paths)
    } finally {
      await close()
    }
  })

  it("answers a stored page from its compressed pieces: no gunzip, no gzip of the whole page, each visit its own nonce", async () => {
    const unzips = vi.spyOn(zlib, "gunzipSync")
    const zips = vi.spyOn(zlib, "gzipSync")
    const withNonce = async (request: Request) =>
      new Response(`<script nonce="${NONCE}"></script>${new URL(request.url).pathname.slice(1).repeat(3000)}`, { headers: { "cache-control": PUBLIC, "content-type": "text/html" } })
    const { visit, close } = await serve({ handle: withNonce, now: () => t })
    try {
      const nonces = new Set<string>()
      for (const path of ["/a", "/a", "/b", "/a", "/b"]) {
        const body = await visit(path)
        const nonce = /nonce="([^"]+)"/.exec(body)![1]!
        expect(body).toBe(`<script nonce="${nonce}"></script>${path.slice(1).repeat(3000)}`)
        nonces.add(nonce)
      }
      expect(nonces.size).toBe(5)
      expect(unzips).toHaveBeenCalledTimes(0)
      expect(zips).toHaveBeenCalledTimes(0)
    } finally {
      unzips.mockRestore()
      zips.mockRestore()
      await close()
    }
  })
})

describe("shared page cache under the content stamp", () => {
  it("keeps a page while the stamp it was rendered under is current, and follows its own lifetime otherwise", async () => {
    let stamp: string | null = "v1"
    let n = 0
    let changeDuringRender: string | null = null
    const handle = async () => {
      n += 1
      const body = `render ${n}`
      if (changeDuringRender) stamp = changeDuringRender
      return new Response(body, { headers: { "cache-control": PUBLIC, "content-type": "text/html" } })
    }
    let now = 0
    const { visit, close } = await serve({ handle, stamp: () => stamp, stampedFreshMs: 60_000, now: () => now })
    const settle = () => new Promise((r) => setTimeout(r, 50))
    try {
      expect(await visit("/p")).toBe("render 1")
      now += 30_000 // far past s-maxage=1 + stale-while-revalidate=1, the stamp unchanged
      expect(await visit("/p")).toBe("render 1")
      now += 61_000 // past 1.5 × stampedFreshMs (each page's own spread): served once more while one render runs
      expect(await visit("/p")).toBe("render 1")
      await settle()
      expect(await visit("/p")).toBe("render 2")
      expect(n).toBe(2)

      stamp = "v2" // a change: the page (older than its own 2 s) is rendered before answering
      now += 5000
      expect(await visit("/p")).toBe("render 3")

      stamp = null // no stamp confirmed lately: s-maxage and stale-while-revalidate again
      now += 1500
      expect(await visit("/p")).toBe("render 3")
      await settle()
      now += 2500
      expect(await visit("/p")).toBe("render 5")

      // The stamp moves while a page renders: the page counts as rendered under the one before, so it is
      // rendered again once it is older than its own lifetime.
      stamp = "v3"
      now += 5000
      changeDuringRender = "v4"
      expect(await visit("/p")).toBe("render 6")
      changeDuringRender = null
      now += 2500
      expect(await visit("/p")).toBe("render 7")
      now += 30_000
      expect(await visit("/p")).toBe("render 7")
    } finally {
      await close()
    }
  })

  it("refreshes at most backgroundRenders stale pages at a time, serving the others stale meanwhile", async () => {
    const started: string[] = []
    let finish = () => {}
    const handle = async (request: Request) => {
      started.push(new URL(request.url).pathname)
      if (started.length > 3) await new Promise<void>((r) => (finish = r))
      return new Response(`render ${started.length}`, { headers: { "cache-control": PUBLIC, "content-type": "text/html" } })
    }
    let now = 0
    const { visit, close } = await serve({ handle, stamp: () => "v1", stampedFreshMs: 1000, backgroundRenders: 1, now: () => now })
    try {
      for (const path of ["/a", "/b", "/c"]) await visit(path)
      now += 2000 // all three stale
      expect(await Promise.all(["/a", "/b", "/c"].map(visit))).toEqual(["render 1", "render 2", "render 3"])
      await new Promise((r) => setTimeout(r, 50))
      expect(started, "one background render, the others wait for their next request").toHaveLength(4)
      finish()
    } finally {
      await close()
    }
  })
})

describe("a shopper's own pages (decision 0074)", () => {
  // A stand-in for Medusa that counts its reads, a real cache in front of it (cache.server.ts), and pages that read
  // the shopper's cart through the cache, as the cart page does.
  let medusaReads = 0
  const carts = new Map<string, string>([["alice", "alice's oil ×1"], ["bob", "bob's compress ×2"]])
  const medusa = http.createServer((req, res) => {
    medusaReads += 1
    res.end(JSON.stringify({ cart: carts.get(req.url!.slice(1)) }))
  })
  let now = 0
  const cartCache = createSwrCache({ freshMs: 30_000, maxAgeMs: 30_000, expireMs: 30_000, now: () => now })
  const ownRenders: string[] = []
  let ownBase = ""
  let own: ReturnType<ReturnType<typeof express>["listen"]>
  let setCookie: string | null = null

  async function shop(request: Request, context: { ownPage?: boolean }): Promise<Response> {
    const url = new URL(request.url)
    expect(context.ownPage).toBe(true)
    const session = /mm_session=([^;]+)/.exec(request.headers.get("cookie") ?? "")?.[1] ?? ""
    ownRenders.push(`${url.pathname} ${session}`)
    if (url.pathname === "/receipt.pdf") return new Response(Buffer.from([0x25, 0x50, 0x44, 0x46, 0xff, 0xfe]), { headers: { "content-type": "application/pdf" } })
    const medusaUrl = `http://127.0.0.1:${(medusa.address() as AddressInfo).port}`
    const cart = await cartCache.get(session, async () => ((await (await fetch(`${medusaUrl}/${session}`)).json()) as { cart: string }).cart)
    const headers: HeadersInit = { "content-type": "text/html; charset=utf-8", "cache-control": "private, no-store", "content-security-policy": `script-src 'nonce-${NONCE}'` }
    return new Response(`<script nonce="${NONCE}"></script><input value="${TOKEN}"><p>${cart}</p>`, {
      headers: setCookie ? { ...headers, "set-cookie": setCookie } : headers,
    })
  }

  beforeAll(async () => {
    await new Promise<void>((r) => medusa.listen(0, "127.0.0.1", r))
    const app = express()
    app.use(pageCache({ handle: shop, loadContext: () => ({}), visitor, own: { track: trackReads, current: readsCurrent }, ownMaxEntries: 3, now: () => now }))
    own = app.listen(0)
    await new Promise((r) => own.once("listening", r))
    ownBase = `http://127.0.0.1:${(own.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    await new Promise((r) => own.close(r))
    await new Promise((r) => medusa.close(r))
  })

  const view = async (path: string, cookie: string) => {
    const res = await fetch(ownBase + path, { headers: { cookie } })
    return { status: res.status, body: await res.text(), csp: res.headers.get("content-security-policy"), cookie: res.headers.get("set-cookie"), type: res.headers.get("content-type") }
  }
  const ALICE = "mm_csrf=tok-a; mm_session=alice"

  it("keeps a page rendered from cache entries alone, for its shopper, with a fresh nonce and their token each time", async () => {
    const first = await view("/cart", ALICE)
    // The first render read Medusa: not kept. The second read only the cache: kept.
    await view("/cart", ALICE)
    const kept = await Promise.all([view("/cart", ALICE), view("/cart", `_ga=GA1.2.3; ${ALICE}`)])
    expect(ownRenders).toEqual(["/cart alice", "/cart alice"])
    expect(medusaReads).toBe(1)
    for (const page of [first, ...kept]) {
      expect(page.body).toContain("<p>alice's oil ×1</p>")
      expect(page.body).toContain('value="tok-a"')
      expect(page.body).not.toContain(NONCE)
      expect(page.csp).toBe(`script-src 'nonce-${/nonce="([^"]+)"/.exec(page.body)?.[1]}'`)
    }
    expect(new Set([first, ...kept].map((p) => p.csp)).size).toBe(3)
    // Another shopper on the same url gets their own render, never the kept page.
    const bob = await view("/cart", "mm_csrf=tok-b; mm_session=bob")
    expect(bob.body).toContain("<p>bob's compress ×2</p>")
    expect(bob.body).not.toContain("alice")
    expect(bob.body).not.toContain("tok-a")
  })

  it("renders again as soon as an entry it read changes or ages out", async () => {
    ownRenders.length = 0
    carts.set("alice", "alice's oil ×3")
    cartCache.set("alice", "alice's oil ×3")
    expect((await view("/cart", ALICE)).body).toContain("<p>alice's oil ×3</p>")
    expect((await view("/cart", ALICE)).body).toContain("<p>alice's oil ×3</p>")
    expect(ownRenders).toEqual(["/cart alice"])
    // Past the cache's own freshness the cache would load again: so does the page (the render's read is Medusa's).
    now += 30_001
    const reads = medusaReads
    expect((await view("/cart", ALICE)).body).toContain("<p>alice's oil ×3</p>")
    expect(medusaReads).toBe(reads + 1)
    expect(ownRenders).toEqual(["/cart alice", "/cart alice"])
  })

  it("keeps no page that sets a cookie to a new value, and passes other answers through untouched", async () => {
    ownRenders.length = 0
    // Rendered from the cache now (the last render read Medusa), so kept.
    await view("/cart", ALICE)
    setCookie = "mm_session=alice-2; Path=/; HttpOnly"
    const changed = await Promise.all([view("/checkout", ALICE), view("/checkout", ALICE)])
    setCookie = null
    for (const page of changed) expect(page.cookie).toBe("mm_session=alice-2; Path=/; HttpOnly")
    const pdf = await fetch(ownBase + "/receipt.pdf", { headers: { cookie: ALICE } })
    expect(pdf.headers.get("content-type")).toBe("application/pdf")
    expect([...new Uint8Array(await pdf.arrayBuffer())]).toEqual([0x25, 0x50, 0x44, 0x46, 0xff, 0xfe])
    await view("/cart", ALICE)
    expect(ownRenders).toEqual(["/cart alice", "/checkout alice", "/checkout alice", "/receipt.pdf alice"])
  })

  it("keeps at most ownMaxEntries pages, the least recently sent going first", async () => {
    ownRenders.length = 0
    for (const path of ["/a", "/b", "/c"]) await view(path, ALICE)
    // /cart was sent before /a, /b and /c: pushed out by them.
    await view("/cart", ALICE)
    expect(ownRenders).toEqual(["/a alice", "/b alice", "/c alice", "/cart alice"])
    await view("/c", ALICE)
    expect(ownRenders.length).toBe(4)
  })
})
