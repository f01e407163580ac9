import postgres from "postgres"
import { expect } from "vitest"
import { SEED_HOUSEHOLDS, SEED_PLOTS, seedPrivateValues } from "../../backend/src/lib/seed/traceability-data"

// The privacy checks every public-response suite shares: the seed's private values (all fake, shaped like
// the real thing) must be in the database, and none of them in anything the public can fetch.

export type PublicResponse = { label: string; status: number; body: string }

const PRIVATE_VALUES = seedPrivateValues()

/** Each seeded household's photo file name (random, made by the seed) and whether it may be shown. */
export type SeedPhotos = Map<string, { file: string | null; consent: boolean }>

export async function loadSeedPhotos(databaseUrl: string): Promise<SeedPhotos> {
  const sql = postgres(databaseUrl, { max: 1 })
  try {
    const rows = await sql`select code, photo_file, consent_photo from household where code in ${sql(SEED_HOUSEHOLDS.map((h) => h.code))}`
    const photos: SeedPhotos = new Map(rows.map((r) => [r.code as string, { file: (r.photo_file as string | null) ?? null, consent: r.consent_photo as boolean }]))
    // Every seeded household has a photo, so "no photo of a household without consent" is a real check.
    for (const h of SEED_HOUSEHOLDS) expect(photos.get(h.code)?.file, `photo of ${h.code}`).toMatch(/^[0-9a-f]{32}\.jpg$/)
    return photos
  } finally {
    await sql.end()
  }
}

/** Every private value of the seed is really stored, so finding none of them in public means something. */
export async function expectPrivateValuesStored(databaseUrl: string): Promise<void> {
  expect(PRIVATE_VALUES.length).toBeGreaterThan(40)
  const sql = postgres(databaseUrl, { max: 1 })
  try {
    const tables = await sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`
    const rows: string[] = []
    for (const { table_name } of tables) {
      for (const row of await sql`select t::text as text from ${sql(table_name)} t`) rows.push(row.text as string)
    }
    const everything = rows.join("\n")
    for (const value of PRIVATE_VALUES) expect(everything.includes(value), `"${value}" is in the database`).toBe(true)
  } finally {
    await sql.end()
  }
}

/** A whole number alone, not a run of digits inside a serial, hash or longer number (also as 41,873). */
function wholeNumber(digits: string): RegExp {
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",")
  return new RegExp(`(?<![0-9A-Za-z])(${digits}|${grouped})(?![0-9A-Za-z])`)
}

/**
 * None of the seed's private values, no photo file name of a household without photo consent, and no
 * coordinate within about a kilometre of a plot, in any response.
 */
export function expectNoPrivateValues(responses: PublicResponse[], photos: SeedPhotos): void {
  const privatePhotos = [...photos.values()].filter((p) => !p.consent && p.file).map((p) => p.file!)
  expect(privatePhotos.length).toBeGreaterThan(0)
  for (const { label, body } of responses) {
    for (const file of privatePhotos) expect(body.includes(file), `${label} names the photo ${file} of a household without photo consent`).toBe(false)
    for (const value of PRIVATE_VALUES) {
      const found = /^\d+$/.test(value) ? wholeNumber(value).test(body) : body.includes(value)
      expect(found, `${label} shows the private value "${value}"`).toBe(false)
    }
    for (const match of body.matchAll(/(?<![0-9.])\d{1,3}\.\d{3,}(?![0-9])/g)) {
      const n = Number(match[0])
      const near = SEED_PLOTS.find((p) => Math.abs(n - p.lat) < 0.01 || Math.abs(n - p.lng) < 0.01)
      expect(near, `${label} shows ${match[0]}, near plot ${near?.code}'s exact location`).toBeUndefined()
    }
    // Internal household ids never leave the admin API.
    expect(/\bhh_[0-9A-Z]{10}/.test(body), `${label} shows a household id`).toBe(false)
  }
}

/** Private field names, for JSON answers: the public projection never even carries the keys. */
export function expectNoPrivateKeys(responses: PublicResponse[]): void {
  const keys = ["national_id", "nationalId", "phone", "income", "poverty", "tpmap", "family_name", "familyName", "geometry", '"lat"', '"lng"', "members"]
  for (const { label, body } of responses) for (const key of keys) expect(body.includes(key), `${label} has the key ${key}`).toBe(false)
}

/** What each household agreed to show is shown, so the absence checks above are not passing on empty pages. */
export function expectConsentedValues(text: string, what: string, photos: SeedPhotos, languages: readonly ("th" | "en")[] = ["th"]): void {
  for (const h of SEED_HOUSEHOLDS) {
    // English pages show the English entered (decision 0068), the API carries both.
    for (const v of languages.map((lang) => (lang === "th" ? h : h.en))) {
      expect(text, `${what}: alias of ${h.code}`).toContain(v.alias)
      if (h.consent.given_name) expect(text, `${what}: given name of ${h.code}`).toContain(v.given_name!)
      if (h.consent.story) expect(text, `${what}: story of ${h.code}`).toContain(v.story!)
    }
    // A romanised given name is still the name: never public without the given-name consent.
    if (!h.consent.given_name && h.en.given_name) expect(text, `${what}: English given name of ${h.code}`).not.toContain(h.en.given_name)
    const photo = photos.get(h.code)
    if (photo?.consent) expect(text, `${what}: photo of ${h.code}`).toContain(`/household-photos/${photo.file}`)
  }
}
