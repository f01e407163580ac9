import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import type { ChildProcess } from "node:child_process"
import { afterAll, describe, expect, it } from "vitest"
import { DEV_JWT_SECRET, DEV_STOREFRONT_API_SECRET } from "../../backend/src/lib/env"
import { publishableKeyToken } from "../../backend/launcher/state"
import { PUBLISHABLE_KEY_TITLE } from "../../backend/src/lib/seed/catalogue"
import { DEV_SESSION_SECRET } from "../../storefront/app/lib/config.server"
import { freePort } from "../support/app"
import { remixSignedCookie } from "../support/remix-cookie"
import { connects, forgedAdminToken, killGroup, launch, listeningAddresses, nonLoopbackAddress, userShellEnv } from "../support/launcher"

// `npm start` on a machine with no database configured: the embedded PostgreSQL path end to end, and what a
// default start exposes to its network (issue 10, item 5).
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "maemok-start-"))
// PostgreSQL runs as its own user when the tests run as root; it must reach its data folder.
fs.chmodSync(dataDir, 0o755)
const children: ChildProcess[] = []

afterAll(() => {
  // A failed test may leave a launcher running: its whole process group goes, servers and database included.
  for (const child of children) killGroup(child)
  fs.rmSync(dataDir, { recursive: true, force: true })
})

type Ports = { pg: number; medusa: number; shop: number }
const start = (ports: Ports) =>
  launch(
    userShellEnv({ MAE_MOK_DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(ports.pg), MEDUSA_PORT: String(ports.medusa), PORT: String(ports.shop) }),
    children
  )

const households = (port: number, token: string) =>
  fetch(`http://127.0.0.1:${port}/admin/households`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status)

/** A shop session cookie signed with `secret` claiming 43219 items in the cart: does the shop believe it? */
async function shopBelievesSession(port: number, secret: string): Promise<boolean> {
  const cookie = remixSignedCookie("mm_session", { cartCount: 43219 }, secret)
  const page = await fetch(`http://127.0.0.1:${port}/products`, { headers: { cookie } })
  expect(page.status).toBe(200)
  // The header's cart badge shows the count (React puts comments around it, so the number alone).
  return (await page.text()).includes("43219")
}

/** A batch of scans vouched for with `secret`: does the backend take it (200) or refuse it (403)? */
async function scanBatchStatus(ports: Ports, secret: string): Promise<number> {
  const key = await publishableKeyToken(`postgres://postgres:postgres@127.0.0.1:${ports.pg}/maemok`, PUBLISHABLE_KEY_TITLE)
  const res = await fetch(`http://127.0.0.1:${ports.medusa}/store/provenance/scans`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-storefront-secret": secret, "x-publishable-api-key": key ?? "" },
    body: JSON.stringify({ scans: [{ gtin: "08859999003019", lot: "MO-2001-01", serial: "ZZZZZZZZZZZZZZZZ", client_ip: "198.51.100.1" }] }),
  })
  return res.status
}

/** Both servers answer on loopback, are bound to it alone, and a neighbour on this machine's network address gets nothing. */
async function expectLoopbackOnly(ports: Ports) {
  const lan = nonLoopbackAddress()
  for (const port of [ports.shop, ports.medusa]) {
    expect(await connects("127.0.0.1", port), `:${port} on 127.0.0.1`).toBe(true)
    expect(listeningAddresses(port), `:${port} bound to`).toEqual(["127.0.0.1"])
    // This machine has one (checked in CI); listeningAddresses above proves the binding where none exists.
    if (lan) expect(await connects(lan, port), `:${port} on ${lan}`).toBe(false)
  }
}

describe("npm start with the embedded database", () => {
  it("starts everything, serves shop and admin, stops cleanly and keeps its data for the next start", async () => {
    const ports = { pg: await freePort(), medusa: await freePort(), shop: await freePort() }

    const first = start(ports)
    await first.ready
    expect(first.output()).toMatch(/Embedded PostgreSQL: listening on \d+/)
    expect(first.output()).toMatch(/seed: created products/)
    expect(first.output()).toContain(`http://localhost:${ports.shop}/`)
    expect(first.output()).toContain(`http://localhost:${ports.medusa}/app`)
    expect(first.output()).toMatch(/login admin@maemok\.local \/ \S+/)

    const home = await fetch(`http://127.0.0.1:${ports.shop}/`)
    expect(home.status).toBe(200)
    expect(await home.text()).toContain("น้ำมันนวดสมุนไพรหมอกไพร")
    expect((await fetch(`http://127.0.0.1:${ports.medusa}/app`)).status).toBe(200)
    expect(fs.existsSync(path.join(dataDir, "postgres", "PG_VERSION"))).toBe(true)

    first.child.kill("SIGTERM")
    expect(await first.exited).toBe(0)
    expect(first.output()).toMatch(/Embedded PostgreSQL stopped/)
    for (const port of Object.values(ports)) expect(await connects("127.0.0.1", port)).toBe(false)

    // Second start: same data, nothing to migrate or seed.
    const second = start(ports)
    await second.ready
    expect(second.output()).toMatch(/database already migrated and seeded/)
    expect(second.output()).not.toMatch(/seed: created/)
    const again = await fetch(`http://127.0.0.1:${ports.shop}/`)
    expect(await again.text()).toContain("ลูกประคบเซรามิค")
    second.child.kill("SIGINT")
    expect(await second.exited).toBe(0)
    for (const port of Object.values(ports)) expect(await connects("127.0.0.1", port)).toBe(false)
  }, 300_000)

  it("runs on secrets of its own, kept private in the data folder across restarts, and listens on 127.0.0.1 only", async () => {
    const ports = { pg: await freePort(), medusa: await freePort(), shop: await freePort() }
    const file = path.join(dataDir, "secrets.json")
    fs.rmSync(file, { force: true })

    const first = start(ports)
    await first.ready
    expect(fs.statSync(file).mode & 0o777).toBe(0o600)
    const secrets = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, string>
    expect(Object.keys(secrets).sort()).toEqual(["COOKIE_SECRET", "JWT_SECRET", "SCAN_IP_SALT", "STOREFRONT_API_SECRET", "STOREFRONT_SESSION_SECRET"])
    expect(first.output()).toMatch(/secrets generated in .*secrets\.json/)
    // A token anyone could sign with the repository's development secret is refused; one signed with this
    // folder's secret works, so Medusa really runs on it (and the forgery is the one that used to pass).
    expect(await households(ports.medusa, forgedAdminToken(DEV_JWT_SECRET))).toBe(401)
    const issued = forgedAdminToken(secrets.JWT_SECRET!)
    expect(await households(ports.medusa, issued)).toBe(200)
    // Nor can a shop session be forged with the published session secret, or scans posted with the published API secret.
    expect(await shopBelievesSession(ports.shop, DEV_SESSION_SECRET)).toBe(false)
    expect(await shopBelievesSession(ports.shop, secrets.STOREFRONT_SESSION_SECRET!)).toBe(true)
    expect(await scanBatchStatus(ports, DEV_STOREFRONT_API_SECRET)).toBe(403)
    expect(await scanBatchStatus(ports, secrets.STOREFRONT_API_SECRET!)).toBe(200)
    await expectLoopbackOnly(ports)
    expect(first.output()).toMatch(/Listening on 127\.0\.0\.1 only/)
    expect(await first.stop()).toBe(0)

    const second = start(ports)
    await second.ready
    expect(JSON.parse(fs.readFileSync(file, "utf8"))).toEqual(secrets)
    expect(fs.statSync(file).mode & 0o777).toBe(0o600)
    expect(second.output()).toMatch(/secrets from .*secrets\.json/)
    expect(await households(ports.medusa, issued)).toBe(200) // logins survive a restart
    expect(await households(ports.medusa, forgedAdminToken(DEV_JWT_SECRET))).toBe(401)
    await expectLoopbackOnly(ports)
    expect(await second.stop()).toBe(0)
  }, 300_000)
})
