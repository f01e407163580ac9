import fs from "node:fs"
import path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { aliasContainsGivenName } from "@mae-mok/traceability"
import { SEED_HOUSEHOLDS } from "../../backend/src/lib/seed/traceability-data"
import { adminApi, adminToken, type AdminApi, type Json } from "../support/admin-api"
import { startTestApp, type TestApp } from "../support/app"

// A household's photo is public only while it consents, at an unguessable address served by a route that checks
// the consent on every request; a public alias must not carry the given name unless the household agrees
// (docs/decisions/0020-household-photos-and-alias.md).

const BOUND_MS = 5000
let app: TestApp
let api: AdminApi
let token: string
let kaew: Json // the seed's household with full consent
let lotPath: string
let storePath: string
const seedPhoto = fs.readFileSync(path.resolve(__dirname, "../../backend/src/lib/seed/photos/mm-h-017.jpg"))

beforeAll(async () => {
  app = await startTestApp({ storefront: true })
  token = await adminToken(app.medusaUrl)
  api = adminApi(app.medusaUrl, token)
  kaew = (await api.ok("GET", "/admin/households?q=MM-H-017")).households[0]
  // A lot of hers: the seeded oil batch uses her plots.
  const { batches } = await api.ok("GET", "/admin/batches?status=released")
  const oil = (batches as Json[]).find((b) => b.lot_number.startsWith("MO"))!
  const full = (await api.ok("GET", `/admin/batches/${oil.id}`)).batch
  lotPath = `/01/${full.variant.barcode}/10/${oil.lot_number}`
  storePath = `/store/provenance/${full.variant.barcode}/${oil.lot_number}`
})

afterAll(async () => {
  await app?.stop()
})

const photoFile = (url: string | null) => (url ? url.split("/").pop()! : null)
const publicPhoto = (file: string) => fetch(`${app.medusaUrl}/household-photos/${file}`)
const lotPage = async () => (await fetch(app.storefrontUrl + lotPath)).text()

/** Polls the storefront's (cached) lot page until `seen` holds; the time it took. */
async function shownWithin(seen: (html: string) => boolean): Promise<number> {
  const since = Date.now()
  for (;;) {
    if (seen(await lotPage())) return Date.now() - since
    if (Date.now() - since > 3 * BOUND_MS) throw new Error("the lot page did not change")
    await new Promise((r) => setTimeout(r, 100))
  }
}

function upload(id: string, body: Buffer | string, type: string, headers: Record<string, string> = { authorization: `Bearer ${token}` }) {
  return fetch(`${app.medusaUrl}/admin/households/${id}/photo`, { method: "POST", headers: { ...headers, "content-type": type }, body: typeof body === "string" ? body : new Uint8Array(body) })
}

describe("household photos", () => {
  it("are served with consent at an unguessable address, and the seed's old /static file is gone", async () => {
    const file = photoFile(kaew.photo_url)!
    expect(file).toMatch(/^[0-9a-f]{32}\.jpg$/)
    expect(kaew.public_preview.photo_url).toBe(kaew.photo_url)
    const res = await publicPhoto(file)
    expect(res.status).toBe(200)
    expect(res.headers.get("content-type")).toBe("image/jpeg")
    expect(res.headers.get("cache-control")).toBe("public, max-age=60")
    expect(res.headers.get("content-security-policy")).toMatch(/sandbox/)
    expect(Buffer.from(await res.arrayBuffer()).equals(seedPhoto)).toBe(true)
    expect(await lotPage()).toContain(`/household-photos/${file}`)
    expect((await fetch(`${app.medusaUrl}/static/households/ban-suan-pa-kaew.svg`)).status).toBe(404)
  })

  it("answer 404 at once when the photo consent is withdrawn, and the shop's pages drop the photo within their bound", async () => {
    const old = photoFile(kaew.photo_url)!
    await lotPage() // the page is in the storefront's cache with the photo
    const withdrawn = (await api.ok("POST", `/admin/households/${kaew.id}`, { consent: { given_name: true, photo: false, story: true } })).household
    const gone = await publicPhoto(old)
    expect(gone.status).toBe(404)
    expect(await gone.json()).toMatchObject({ code: "NO_PHOTO", message: expect.any(String) })
    // The photo is kept for the admin under a new name, which is not public either.
    const renamed = photoFile(withdrawn.photo_url)!
    expect(renamed).not.toBe(old)
    expect((await publicPhoto(renamed)).status).toBe(404)
    expect(withdrawn.public_preview.photo_url).toBeNull()
    const provenance = await (await fetch(app.medusaUrl + storePath, { headers: { "x-publishable-api-key": app.publishableKey } })).json()
    expect(provenance.provenance.households.length).toBeGreaterThan(1)
    expect(JSON.stringify(provenance)).not.toContain("/household-photos/")
    const delay = await shownWithin((html) => !html.includes("/household-photos/"))
    console.log(`withdrawn photo left the lot page after ${delay} ms`)
    expect(delay).toBeLessThanOrEqual(BOUND_MS)
    expect((await publicPhoto(old)).status).toBe(404)

    // Consent given again: the photo is public at its new address; the old one stays dead.
    const again = (await api.ok("POST", `/admin/households/${kaew.id}`, { consent: { given_name: true, photo: true, story: true } })).household
    expect(photoFile(again.photo_url)).toBe(renamed)
    expect((await publicPhoto(renamed)).status).toBe(200)
    expect((await publicPhoto(old)).status).toBe(404)
    kaew = again
  })

  it("are uploaded as JPEG or PNG only, without their location metadata; anything else is refused and changes nothing", async () => {
    const exif = Buffer.from("Exif\0\0MM\0*GPSLatitude 17.6201 GPSLongitude 99.1123")
    const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, (exif.length + 2) >> 8, (exif.length + 2) & 0xff]), exif])
    const withGps = Buffer.concat([seedPhoto.subarray(0, 2), app1, seedPhoto.subarray(2)])
    const before = kaew.photo_url
    const refusals: [Buffer | string, string, number, string][] = [
      ['<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "image/jpeg", 400, "NOT_A_PHOTO"],
      ['<svg xmlns="http://www.w3.org/2000/svg"/>', "image/svg+xml", 415, "UNSUPPORTED_MEDIA_TYPE"],
      [withGps.subarray(0, 40), "image/jpeg", 400, "NOT_A_PHOTO"],
      ["photo=1", "application/x-www-form-urlencoded", 415, "UNSUPPORTED_MEDIA_TYPE"],
      [Buffer.alloc(4 * 1024 * 1024 + 1, 0xff), "image/jpeg", 413, "PHOTO_TOO_LARGE"],
    ]
    for (const [body, type, status, code] of refusals) {
      const res = await upload(kaew.id, body, type)
      expect(res.status, `${type} ${code}`).toBe(status)
      expect(await res.json()).toMatchObject({ code, message: expect.any(String), message_th: expect.any(String) })
    }
    // A browser's post from another page: the admin's cookie alone does not do (no Origin), another Origin neither.
    const session = await fetch(`${app.medusaUrl}/auth/session`, { method: "POST", headers: { authorization: `Bearer ${token}` } })
    const cookie = session.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ")
    expect((await upload(kaew.id, seedPhoto, "image/jpeg", { cookie })).status).toBe(403)
    expect((await upload(kaew.id, seedPhoto, "image/jpeg", { cookie, origin: "http://evil.example" })).status).toBe(403)
    expect((await api.ok("GET", `/admin/households/${kaew.id}`)).household.photo_url).toBe(before)

    const res = await upload(kaew.id, withGps, "image/jpeg", { cookie, origin: app.medusaUrl })
    expect(res.status).toBe(200)
    const household = ((await res.json()) as Json).household
    const file = photoFile(household.photo_url)!
    expect(file).not.toBe(photoFile(before))
    expect((await publicPhoto(photoFile(before)!)).status).toBe(404)
    const stored = Buffer.from(await (await publicPhoto(file)).arrayBuffer())
    expect(stored.includes(Buffer.from("GPSLatitude"))).toBe(false)
    expect(stored.equals(seedPhoto)).toBe(true)
    const adminCopy = await api.raw(`/admin/households/${kaew.id}/photo`)
    expect(adminCopy.headers.get("cache-control")).toBe("private, no-store")
    expect(Buffer.from(await adminCopy.arrayBuffer()).equals(seedPhoto)).toBe(true)

    // Removed: the address answers 404 and the page shows no photo.
    const removed = (await api.ok("DELETE", `/admin/households/${kaew.id}/photo`)).household
    expect(removed.photo_url).toBeNull()
    expect((await publicPhoto(file)).status).toBe(404)
    expect((await api.raw(`/admin/households/${kaew.id}/photo`)).status).toBe(404)
    await shownWithin((html) => !html.includes("/household-photos/"))
  })
})

describe("public aliases", () => {
  const place = { village: "บ้านแม่มอก", tambon: "แม่มอก", amphoe: "เถิน", province: "ลำปาง" }

  it("the seed's aliases do not carry the households' given names, and the old ones are shown nowhere", async () => {
    for (const h of SEED_HOUSEHOLDS) expect(aliasContainsGivenName(h.alias, h.given_name), h.alias).toBe(false)
    const html = await lotPage()
    for (const old of ["บ้านสวนป้าแก้ว", "สวนลุงมา"]) expect(html).not.toContain(old)
    expect(html).toContain("สวนเถาเอ็นริมห้วย")
  })

  it("an alias containing the given name is refused unless the household agrees, and then carries a warning", async () => {
    const body = { code: "MM-H-0801", alias: "บ้านสวนป้าบัวผัน", given_name: "บัวผัน", ...place }
    const refused = await api.call("POST", "/admin/households", body)
    expect(refused.status).toBe(400)
    expect(refused.body).toMatchObject({ code: "ALIAS_CONTAINS_GIVEN_NAME", message: expect.stringMatching(/always public/), message_th: expect.stringMatching(/ชื่อเรียกสาธารณะมีชื่อจริง/) })
    expect((await api.ok("GET", "/admin/households?q=MM-H-0801")).households).toEqual([])

    const agreed = (await api.ok("POST", "/admin/households", { ...body, confirm_alias_contains_name: true })).household
    expect(agreed.warnings).toEqual([expect.objectContaining({ code: "ALIAS_CONTAINS_GIVEN_NAME", message_th: expect.any(String) })])
    expect(agreed).not.toHaveProperty("confirm_alias_contains_name")
    // Other changes are not held up; a new name that the alias contains is refused again.
    expect((await api.call("POST", `/admin/households/${agreed.id}`, { members_count: 3 })).status).toBe(200)
    const fine = (await api.ok("POST", `/admin/households/${agreed.id}`, { alias: "สวนริมห้วยแม่มอก" })).household
    expect(fine.warnings).toEqual([])
    const renamed = await api.call("POST", `/admin/households/${agreed.id}`, { given_name: "ริมห้วย" })
    expect(renamed.status).toBe(400)
    expect(renamed.body.code).toBe("ALIAS_CONTAINS_GIVEN_NAME")
    expect((await api.ok("GET", `/admin/households/${agreed.id}`)).household.given_name).toBe("บัวผัน")
    // A photo link is no longer accepted: photos are uploaded.
    const link = await api.call("POST", `/admin/households/${agreed.id}`, { photo_url: "https://example.com/p.jpg" })
    expect(link.status).toBe(400)
    expect(link.body.message).toMatch(/photo_url is no longer accepted/)
  })
})
