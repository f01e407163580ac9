/**
 * Demo traceability records for the seed: three herbs, four grower households, six plots with GAP
 * and PGS certificates (some expired), harvests and one released batch per product.
 * Every private value below is FAKE (made up for development), but shaped like the real thing, so
 * the privacy tests can look for each of them in every public response.
 */

export const SEED_ACTOR = "seed"

export type SeedSpecies = { key: string; thai_name: string; scientific_name: string; part_used: string; english_name: string; part_used_en: string }

export const SEED_SPECIES: SeedSpecies[] = [
  { key: "cryptolepis", thai_name: "เถาเอ็นอ่อน", scientific_name: "Cryptolepis dubia", part_used: "เถา (stem)", english_name: "Cryptolepis vine", part_used_en: "stem" },
  { key: "cleome", thai_name: "ผักเสี้ยนผี", scientific_name: "Cleome viscosa", part_used: "ทั้งต้น (whole plant)", english_name: "Asian spiderflower", part_used_en: "whole plant" },
  { key: "cissus", thai_name: "เพชรสังฆาต", scientific_name: "Cissus quadrangularis", part_used: "เถา (stem)", english_name: "Veldt grape", part_used_en: "stem" },
]


export type SeedHousehold = {
  code: string
  alias: string
  village: string
  moo: string
  members_count: number
  /** Aliases earlier seeds gave it; a database seeded with one gets the alias above instead. */
  previous_aliases?: string[]
  consent: { given_name: boolean; photo: boolean; story: boolean }
  given_name: string | null
  /** File in ./photos (JPEG): stored as the household's photo, served only with its consent. */
  photo: string | null
  story: string | null
  /** English versions (decision 0068): public under the same rules as the Thai ones. */
  en: { alias: string; given_name: string | null; story: string | null }
  private: {
    family_name: string
    poverty_tier: string
    poverty_status: string
    national_id: string
    phone: string
    income_thb_per_year: number
    address: string
    tpmap_data: Record<string, unknown>
  }
}

export const SEED_HOUSEHOLDS: SeedHousehold[] = [
  {
    // Full consent: given name, photo and story are public.
    code: "MM-H-017",
    // Not "บ้านสวนป้าแก้ว": an alias is always public, and that one carried her given name (decision 0020).
    alias: "สวนเถาเอ็นริมห้วย",
    previous_aliases: ["บ้านสวนป้าแก้ว"],
    village: "บ้านแม่มอก",
    moo: "3",
    members_count: 5,
    consent: { given_name: true, photo: true, story: true },
    given_name: "แก้ว",
    photo: "mm-h-017.jpg",
    story: "ป้าแก้วปลูกเถาเอ็นอ่อนริมห้วยแม่มอกมากว่าสิบปี รายได้จากสมุนไพรส่งหลานเรียนจนจบ ปวส.",
    en: {
      alias: "Creekside Cryptolepis Garden",
      given_name: "Kaew",
      story: "Aunt Kaew has grown Cryptolepis by the Mae Mok creek for more than ten years; the herb money put her grandchild through vocational college.",
    },
    private: {
      family_name: "ศรีวงศ์ใจ",
      poverty_tier: "TPMAP กลุ่มเป้าหมาย ระดับ 2",
      poverty_status: "ครัวเรือนยากจนเป้าหมาย (มิติรายได้)",
      national_id: "3520100417558",
      phone: "0815550117",
      income_thb_per_year: 41873,
      address: "บ้านเลขที่ 117/4 หมู่ 3 ซอยห้วยไคร้",
      tpmap_data: { tpmap_household_id: "TPM-52-0417-2291", dimensions: ["รายได้", "การศึกษา"] },
    },
  },
  {
    // Given name only.
    code: "MM-H-023",
    // Not "สวนลุงมา" (it carried his given name).
    alias: "สวนสมุนไพรทุ่งนาหลวง",
    previous_aliases: ["สวนลุงมา"],
    village: "บ้านทุ่งนาหลวง",
    moo: "7",
    members_count: 3,
    consent: { given_name: true, photo: false, story: false },
    given_name: "มา",
    photo: "mm-h-023.jpg",
    story: "ลุงมาเคยเป็นหนี้นอกระบบสองหมื่นบาทก่อนเข้ากลุ่ม",
    en: { alias: "Thung Na Luang Herb Garden", given_name: "Ma", story: "Uncle Ma owed an informal lender twenty thousand baht before he joined the group." },
    private: {
      family_name: "ทองคำปัน",
      poverty_tier: "TPMAP กลุ่มเป้าหมาย ระดับ 1",
      poverty_status: "ครัวเรือนยากจนเป้าหมาย (มิติความเป็นอยู่)",
      national_id: "3520100555128",
      phone: "0895550231",
      income_thb_per_year: 36529,
      address: "บ้านเลขที่ 23 หมู่ 7 ถนนเถิน-ลี้",
      tpmap_data: { tpmap_household_id: "TPM-52-0555-0871", dimensions: ["ความเป็นอยู่"] },
    },
  },
  {
    // No consent at all: only the alias and the village are public.
    code: "MM-H-031",
    alias: "ไร่สมุนไพรห้วยแม่มอก",
    village: "บ้านแม่มอก",
    moo: "3",
    members_count: 2,
    consent: { given_name: false, photo: false, story: false },
    given_name: "บุญเรือน",
    photo: "mm-h-031.jpg",
    story: "ยายบุญเรือนอยู่กับหลานสองคน ลูกไปทำงานกรุงเทพฯ",
    en: { alias: "Huai Mae Mok Herb Farm", given_name: "Boonruean", story: "Grandma Boonruean lives with her two grandchildren; their parents work in Bangkok." },
    private: {
      family_name: "ปัญญาดี",
      poverty_tier: "TPMAP กลุ่มเป้าหมาย ระดับ 3",
      poverty_status: "ผู้สูงอายุยากจนอยู่ลำพังกับหลาน",
      national_id: "3520100666779",
      phone: "0625550311",
      income_thb_per_year: 22416,
      address: "บ้านเลขที่ 31/1 หมู่ 3 ท้ายหมู่บ้าน",
      tpmap_data: { tpmap_household_id: "TPM-52-0666-1458", dimensions: ["รายได้", "สุขภาพ"] },
    },
  },
  {
    // Story only.
    code: "MM-H-044",
    alias: "สวนสมุนไพรดอยผาแดง",
    village: "บ้านดอยผาแดง",
    moo: "9",
    members_count: 6,
    consent: { given_name: false, photo: false, story: true },
    given_name: "สมศักดิ์",
    photo: "mm-h-044.jpg",
    story: "สวนบนเนินดอยที่เปลี่ยนจากข้าวโพดมาปลูกสมุนไพรแบบไม่ใช้สารเคมีตั้งแต่ปี 2565",
    en: {
      alias: "Doi Pha Daeng Herb Garden",
      given_name: "Somsak",
      story: "A hillside garden that switched from maize to herbs grown without chemicals in 2022.",
    },
    private: {
      family_name: "อินต๊ะวงค์",
      poverty_tier: "TPMAP กลุ่มเป้าหมาย ระดับ 2",
      poverty_status: "ครัวเรือนยากจนเป้าหมาย (มิติการเข้าถึงบริการรัฐ)",
      national_id: "3520100772811",
      phone: "0935550444",
      income_thb_per_year: 52384,
      address: "บ้านเลขที่ 44 หมู่ 9 ทางขึ้นดอยผาแดง",
      tpmap_data: { tpmap_household_id: "TPM-52-0772-3310", dimensions: ["การเข้าถึงบริการรัฐ"] },
    },
  },
]

export type SeedCertification = {
  scheme: "TH-GAP" | "PGS"
  certificate_number: string
  certifying_body: string
  valid_from: string
  valid_until: string
}

export type SeedPlot = {
  code: string
  household: string
  area_rai: number
  species: string[]
  village: string
  moo: string
  lat: number
  lng: number
  certifications: SeedCertification[]
}

const DOA = "กรมวิชาการเกษตร (Department of Agriculture)"
const PGS_BODY = "เครือข่าย PGS เกษตรอินทรีย์ลำปาง (Lampang Organic PGS Network)"

function square(lat: number, lng: number) {
  const d = 0.0004
  return { type: "Polygon", coordinates: [[[lng, lat], [lng + d, lat], [lng + d, lat + d], [lng, lat + d], [lng, lat]]] }
}

export const SEED_PLOTS: SeedPlot[] = [
  {
    code: "MM-P-0171", household: "MM-H-017", area_rai: 2.5, species: ["cryptolepis", "cleome"],
    village: "บ้านแม่มอก", moo: "3", lat: 17.593481, lng: 99.219376,
    certifications: [
      { scheme: "TH-GAP", certificate_number: "GAP 03-9001-52-0171", certifying_body: DOA, valid_from: "2025-01-15", valid_until: "2028-01-14" },
      { scheme: "PGS", certificate_number: "PGS-LP-0171", certifying_body: PGS_BODY, valid_from: "2026-03-01", valid_until: "2027-02-28" },
    ],
  },
  {
    code: "MM-P-0172", household: "MM-H-017", area_rai: 1.25, species: ["cissus"],
    village: "บ้านแม่มอก", moo: "3", lat: 17.596127, lng: 99.224583,
    certifications: [
      { scheme: "TH-GAP", certificate_number: "GAP 03-9001-52-0172", certifying_body: DOA, valid_from: "2025-06-01", valid_until: "2028-05-31" },
    ],
  },
  {
    code: "MM-P-0231", household: "MM-H-023", area_rai: 3.75, species: ["cleome", "cryptolepis"],
    village: "บ้านทุ่งนาหลวง", moo: "7", lat: 17.571906, lng: 99.231742,
    certifications: [
      { scheme: "PGS", certificate_number: "PGS-LP-0231", certifying_body: PGS_BODY, valid_from: "2026-02-01", valid_until: "2027-01-31" },
    ],
  },
  {
    code: "MM-P-0311", household: "MM-H-031", area_rai: 1.5, species: ["cissus"],
    village: "บ้านแม่มอก", moo: "3", lat: 17.590263, lng: 99.215814,
    certifications: [
      { scheme: "TH-GAP", certificate_number: "GAP 03-9001-52-0311", certifying_body: DOA, valid_from: "2024-05-01", valid_until: "2027-04-30" },
    ],
  },
  {
    code: "MM-P-0441", household: "MM-H-044", area_rai: 4, species: ["cryptolepis"],
    village: "บ้านดอยผาแดง", moo: "9", lat: 17.612758, lng: 99.247139,
    certifications: [
      // Expired PGS certificate, renewed as GAP.
      { scheme: "PGS", certificate_number: "PGS-LP-0441", certifying_body: PGS_BODY, valid_from: "2024-07-01", valid_until: "2026-06-30" },
      { scheme: "TH-GAP", certificate_number: "GAP 03-9001-52-0441", certifying_body: DOA, valid_from: "2026-07-15", valid_until: "2029-07-14" },
    ],
  },
  {
    code: "MM-P-0442", household: "MM-H-044", area_rai: 2, species: ["cleome"],
    village: "บ้านดอยผาแดง", moo: "9", lat: 17.615394, lng: 99.250817,
    certifications: [
      // Expired on 2026-08-31: its August harvest was certified, nothing after that can be recorded.
      { scheme: "TH-GAP", certificate_number: "GAP 03-9001-52-0442", certifying_body: DOA, valid_from: "2023-09-01", valid_until: "2026-08-31" },
    ],
  },
]

export const seedPlotGeometry = (plot: SeedPlot) => square(plot.lat, plot.lng)

export type SeedHarvest = { key: string; plot: string; species: string; harvested_on: string; kg: number }

export const SEED_HARVESTS: SeedHarvest[] = [
  { key: "h1", plot: "MM-P-0171", species: "cryptolepis", harvested_on: "2026-09-12", kg: 18.5 },
  { key: "h2", plot: "MM-P-0171", species: "cleome", harvested_on: "2026-09-20", kg: 6.2 },
  { key: "h3", plot: "MM-P-0172", species: "cissus", harvested_on: "2026-09-25", kg: 12 },
  { key: "h4", plot: "MM-P-0231", species: "cleome", harvested_on: "2026-10-02", kg: 9.4 },
  { key: "h5", plot: "MM-P-0231", species: "cryptolepis", harvested_on: "2026-10-03", kg: 7.75 },
  { key: "h6", plot: "MM-P-0311", species: "cissus", harvested_on: "2026-10-08", kg: 10.3 },
  { key: "h7", plot: "MM-P-0441", species: "cryptolepis", harvested_on: "2026-10-10", kg: 8 },
  { key: "h8", plot: "MM-P-0442", species: "cleome", harvested_on: "2026-08-10", kg: 5 },
]

export type SeedBatch = {
  sku: string
  produced_on: string
  best_before: string
  units_planned: number
  inputs: { harvest: string; kg: number }[]
  label_units: number
}

/** One released batch per product, so the provenance pages have something real on first start. */
export const SEED_BATCHES: SeedBatch[] = [
  {
    sku: "MM-OIL-30", produced_on: "2026-10-20", best_before: "2028-10-19", units_planned: 120, label_units: 12,
    inputs: [
      { harvest: "h1", kg: 8 }, { harvest: "h2", kg: 3 }, { harvest: "h3", kg: 4 },
      { harvest: "h4", kg: 4 }, { harvest: "h5", kg: 3.5 }, { harvest: "h7", kg: 5 },
    ],
  },
  {
    sku: "MM-CB-1", produced_on: "2026-11-05", best_before: "2027-11-04", units_planned: 60, label_units: 12,
    inputs: [
      { harvest: "h1", kg: 4 }, { harvest: "h3", kg: 5 }, { harvest: "h6", kg: 6 },
      { harvest: "h8", kg: 3 }, { harvest: "h4", kg: 2 },
    ],
  },
]

/** Every private value of the seed (strings as they could appear in JSON), for the privacy tests. */
export function seedPrivateValues(): string[] {
  const values: string[] = []
  for (const h of SEED_HOUSEHOLDS) {
    const p = h.private
    values.push(h.code, p.family_name, p.poverty_tier, p.poverty_status, p.national_id, p.phone, String(p.income_thb_per_year), p.address)
    values.push(String(p.tpmap_data.tpmap_household_id))
    if (!h.consent.given_name && h.given_name) values.push(h.given_name)
    if (!h.consent.story && h.story) values.push(h.story)
    // The English versions fall under the same consents (decision 0068).
    if (!h.consent.given_name && h.en.given_name) values.push(h.en.given_name)
    if (!h.consent.story && h.en.story) values.push(h.en.story)
    // Photo file names are random (made by the seed): tests/support/privacy.ts reads them from the database.
  }
  for (const plot of SEED_PLOTS) values.push(String(plot.lat), String(plot.lng))
  return values
}
