import { expect } from "vitest"
import type { Page, Visitor } from "./storefront-visitor"

/** A shopper's steps over plain HTTP (no browser), for suites that need an account or a placed order first. */

export const OIL = "/products/mok-prai-herbal-massage-oil"

export const SHOPPER_ADDRESS = {
  first_name: "สมหญิง",
  last_name: "ใจงามยิ่ง",
  phone: "0891234567",
  address_1: "12 หมู่ 5",
  country_code: "th",
  province: "ลำปาง",
  district: "เถิน",
  sub_district: "แม่มอก",
  postal_code: "52160",
}

export function variantIds(page: Page): string[] {
  return [...page.text.matchAll(/name="variant_id"[^>]* value="([^"]+)"/g)].map((m) => m[1]!)
}

/** Where the page's post form with this intent sends its fields. */
export function formAction(page: Page, intent: string): string {
  const form = page.text.split("<form").slice(1).find((f) => /^[^>]*method="post"/.test(f) && f.includes(`name="intent" value="${intent}"`))
  if (!form) throw new Error(`no post form with intent ${intent}`)
  return (/action="([^"]*)"/.exec(form)?.[1] ?? "").replace(/&amp;/g, "&")
}

export async function registerAs(v: Visitor, email: string, password: string, firstName = "สมหญิง"): Promise<Page> {
  await v.get("/account/register")
  return v.post("/account/register", { first_name: firstName, last_name: "ทดสอบ", email, password })
}

/** Cart → e-mail → address → EMS → bank transfer → place; returns the order id from the confirmation redirect. */
export async function checkoutAs(v: Visitor, email: string): Promise<string> {
  const product = await v.get(OIL)
  expect((await v.post("/cart", { intent: "add", variant_id: variantIds(product)[0]!, quantity: "1" })).status).toBe(302)
  const steps: [string, (page: Page) => Record<string, string>][] = [
    ["email", () => ({ intent: "email", email })],
    ["address", () => ({ intent: "address", ...SHOPPER_ADDRESS })],
    ["shipping", (page) => ({ intent: "shipping", option_id: /name="option_id"[^>]* value="([^"]+)"/.exec(page.text)![1]! })],
    ["payment", () => ({ intent: "payment", provider_id: "pp_system_default" })],
    ["review", () => ({ intent: "place" })],
  ]
  let location = ""
  for (const [step, fields] of steps) {
    const page = await v.get(`/checkout?step=${step}`)
    expect(page.status, step).toBe(200)
    const body = fields(page)
    const done = await v.post(formAction(page, body.intent!), body)
    expect(done.status, `${step}: ${done.text.slice(0, 300)}`).toBe(302)
    location = done.location ?? ""
  }
  const id = /\/order\/(order_[0-9A-Z]+)\/confirmed/.exec(location)?.[1]
  expect(id, location).toBeTruthy()
  return id!
}
