import net from "node:net"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { waitForHttp, type Service } from "../../backend/launcher/processes"
import { startStorefront } from "../../backend/launcher/storefront"
import { freePort, startTestApp, type TestApp } from "../support/app"
import { pool } from "../support/pool"

// Issue 10, item 4: visitors who leave mid-page (a phone losing signal, a closed tab, a load balancer's timeout)
// are normal; the storefront must not log an error for them. It used to log "TypeError [ERR_INVALID_STATE]:
// Controller is already closed" from React's stream renderer (storefront/app/lib/render/render-stream.server.ts; the unit
// tests there show that real render errors are still reported).

let app: TestApp
let storefront: Service
let port: number
let log = ""

beforeAll(async () => {
  app = await startTestApp()
  port = await freePort()
  storefront = startStorefront({ ...process.env, ...app.env, MEDUSA_PUBLISHABLE_KEY: app.publishableKey }, { port, echo: false })
  storefront.child.stdout!.on("data", (chunk: Buffer) => (log += chunk.toString("utf8")))
  storefront.child.stderr!.on("data", (chunk: Buffer) => (log += chunk.toString("utf8")))
  await waitForHttp(`http://127.0.0.1:${port}/favicon.svg`, 30_000, storefront)
})

afterAll(async () => {
  await storefront?.stop()
  await app?.stop()
})

const PAGES = ["/", "/products", "/products/mok-prai-herbal-massage-oil", "/en/products/ceramic-herbal-compress-ball", "/cart", "/account/login"]

/**
 * One visitor who asks for a page and goes away: right after sending the request, or at the first bytes of the
 * answer. With a cookie the page is rendered for them alone (Remix, aborted when they leave); without, it comes
 * through the shared page cache.
 */
function leave(path: string, when: "sent" | "first-bytes", cookie: boolean): Promise<void> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1")
    const done = () => {
      socket.destroy()
      resolve()
    }
    socket.once("connect", () => {
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAccept: text/html\r\nAccept-Encoding: gzip\r\n` +
          `User-Agent: Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 Chrome/126 Mobile Safari/537.36\r\n` +
          (cookie ? "Cookie: visitor=someone\r\n" : "") +
          "\r\n"
      )
      if (when === "sent") setTimeout(done, Math.random() * 15)
    })
    socket.once("data", done)
    socket.once("error", done)
    socket.once("close", done)
  })
}

describe("visitors who leave mid-page", () => {
  it("are not logged as errors, however many leave at once, and the shop keeps serving", async () => {
    log = ""
    const visits = Array.from({ length: 600 }, (_, i) => ({ path: PAGES[i % PAGES.length]!, when: i % 3 === 0 ? ("sent" as const) : ("first-bytes" as const), cookie: i % 2 === 0 }))
    const started = performance.now()
    await pool(visits, 40, (v) => leave(v.path, v.when, v.cookie))
    // Whole pages too, with and without a cookie: their renders end normally and must stay quiet afterwards.
    await pool(PAGES.flatMap((p) => [p, p]), 6, async (p, i) => {
      const res = await fetch(`http://127.0.0.1:${port}${p}`, { headers: i % 2 ? { cookie: "visitor=someone" } : {} })
      expect(res.status, p).toBe(200)
      await res.text()
    })
    console.log(`600 visitors left mid-page in ${((performance.now() - started) / 1000).toFixed(1)} s`)
    // The renderer's own time limit is 5 s: anything it would still say comes before this.
    await new Promise((resolve) => setTimeout(resolve, 6_500))
    expect(storefront.child.exitCode).toBeNull()
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200)
    expect(log).not.toMatch(/ERR_INVALID_STATE|already closed|Error|error/)
  }, 180_000)
})
