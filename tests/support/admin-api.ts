import { DEV_STOREFRONT_API_SECRET } from "../../backend/src/lib/env"
import { ADMIN_EMAIL, ADMIN_PASSWORD } from "./admin-login"

export type Json = Record<string, any>

/** Logs the seeded admin (or another user) in and returns the JWT; throws with the answer when refused. */
export async function adminToken(medusaUrl: string, email = ADMIN_EMAIL, password = ADMIN_PASSWORD): Promise<string> {
  const res = await fetch(`${medusaUrl}/auth/user/emailpass`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  })
  const text = await res.text()
  if (res.status !== 200) throw new Error(`admin login as ${email} → ${res.status} ${text}`)
  return (JSON.parse(text) as { token: string }).token
}

export type AdminApi = {
  /** Any admin call: status and parsed JSON body ({} when empty). */
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }>
  /** A call that must answer 200; throws with the answer otherwise. */
  ok(method: string, path: string, body?: unknown): Promise<Json>
  /** A GET whose Response is read by the caller (images, HTML). */
  raw(path: string): Promise<Response>
}

export function adminApi(medusaUrl: string, token: string): AdminApi {
  const call: AdminApi["call"] = async (method, path, body) => {
    const res = await fetch(`${medusaUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()
    return { status: res.status, body: text ? JSON.parse(text) : {} }
  }
  return {
    call,
    async ok(method, path, body) {
      const res = await call(method, path, body)
      if (res.status !== 200) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`)
      return res.body
    },
    raw: (path) => fetch(`${medusaUrl}${path}`, { headers: { authorization: `Bearer ${token}` } }),
  }
}

/** What the storefront adds to its provenance calls so the backend believes the buyer IP it forwards. */
export function asStorefront(ip: string): Record<string, string> {
  return { "x-storefront-secret": DEV_STOREFRONT_API_SECRET, "x-forwarded-for": `${ip}, 10.0.0.1` }
}

/**
 * Fixture for batch tests: a household (code MM-H-{n}) with one certified plot growing a new herb,
 * harvest lots of the given kg on consecutive days from 2026-10-01, and a product variant with a GTIN.
 */
export async function certifiedHarvestLots(api: AdminApi, n: number, kgs: number[]) {
  const place = { village: "บ้านแม่มอก", tambon: "แม่มอก", amphoe: "เถิน", province: "ลำปาง" }
  const species = (await api.ok("POST", "/admin/herb-species", { thai_name: "ไพล", scientific_name: `Zingiber montanum (${n})`, part_used: "เหง้า" })).herb_species
  const household = (await api.ok("POST", "/admin/households", { code: `MM-H-${n}`, alias: `สวนทดสอบ ${n}`, ...place })).household
  const plot = (await api.ok("POST", "/admin/plots", { code: `MM-P-${n}1`, household_id: household.id, species_ids: [species.id], ...place })).plot
  await api.ok("POST", "/admin/certifications", {
    plot_id: plot.id, scheme: "TH-GAP", certificate_number: `GAP TEST-${n}`, certifying_body: "กรมวิชาการเกษตร", valid_from: "2025-01-01", valid_until: "2030-12-31",
  })
  const lots: Json[] = []
  for (const [i, kg] of kgs.entries()) {
    lots.push((await api.ok("POST", "/admin/harvests", { plot_id: plot.id, species_id: species.id, harvested_on: `2026-10-${String(i + 1).padStart(2, "0")}`, kg })).harvest)
  }
  const { products } = await api.ok("GET", "/admin/products?fields=id,variants.id,variants.barcode&limit=50")
  const variantId = products.flatMap((p: Json) => p.variants).find((v: Json) => v.barcode).id as string
  return { plot, species, lots, variantId }
}

/** Another admin user (invited by `api`'s user, registered, accepted) and its API; throws on any refusal. */
export async function inviteAdmin(medusaUrl: string, api: AdminApi, email: string): Promise<{ api: AdminApi; id: string }> {
  const invite = (await api.ok("POST", "/admin/invites", { email })).invite
  const password = "another-admin-password-5678"
  const reg = await fetch(`${medusaUrl}/auth/user/emailpass/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  })
  if (reg.status !== 200) throw new Error(`register ${email} → ${reg.status} ${await reg.text()}`)
  const { token: regToken } = (await reg.json()) as { token: string }
  const accept = await fetch(`${medusaUrl}/admin/invites/accept?token=${invite.token}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${regToken}` },
    body: JSON.stringify({ email, first_name: "สมาชิก", last_name: "กลุ่ม" }),
  })
  if (accept.status !== 200) throw new Error(`accept invite ${email} → ${accept.status} ${await accept.text()}`)
  const user = ((await accept.json()) as { user: Json }).user
  return { api: adminApi(medusaUrl, await adminToken(medusaUrl, email, password)), id: user.id }
}
