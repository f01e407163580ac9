import { makeGtin14 } from "@mae-mok/traceability"

/**
 * The Mae Mok catalogue as data. Thai is the primary language (Medusa's own fields);
 * English lives in metadata (`*_en`) until the storefront issue picks a translation mechanism.
 * Prices are in baht and include 7 % VAT.
 */

// Demo GS1 company prefix under Thailand's 885; replace via GS1_COMPANY_PREFIX once the group has its own.
const companyPrefix = process.env.GS1_COMPANY_PREFIX || "8859999"

function gtin(itemReference: number): string {
  // Indicator digit 0 + company prefix + item reference = 13 digits, then the check digit.
  const digits = 12 - companyPrefix.length
  const ref = String(itemReference).padStart(digits, "0")
  if (!/^\d{6,11}$/.test(companyPrefix) || ref.length !== digits) {
    throw new Error(`GS1_COMPANY_PREFIX "${companyPrefix}" leaves no room for item reference ${itemReference}`)
  }
  return makeGtin14("0" + companyPrefix + ref)
}

export const STORE_NAME = "วิสาหกิจชุมชนสมุนไพรแม่มอก"
export const SALES_CHANNEL_NAME = "หน้าร้านออนไลน์แม่มอก"
export const PUBLISHABLE_KEY_TITLE = "Mae Mok storefront"
export const REGION_NAME = "ประเทศไทย"
export const STOCK_LOCATION_NAME = "ศูนย์ผลิตวิสาหกิจชุมชนแม่มอก"
export const FULFILLMENT_SET_NAME = "จัดส่งจากแม่มอก"
export const VAT_RATE = 7

export const SHIPPING_OPTIONS = [
  {
    name: "ไปรษณีย์ไทย EMS",
    code: "thailand-post-ems",
    label_en: "Thailand Post EMS (1-2 days)",
    description: "ส่งด่วนพิเศษ 1-2 วันทำการ",
    amount: 60,
  },
  {
    name: "ไปรษณีย์ไทย ลงทะเบียน",
    code: "thailand-post-registered",
    label_en: "Thailand Post registered mail (3-5 days)",
    description: "ส่งแบบลงทะเบียน 3-5 วันทำการ",
    amount: 40,
  },
] as const

export const PRODUCT_TYPES = [
  { value: "น้ำมันนวดสมุนไพร", metadata: { value_en: "Herbal massage oil" } },
  { value: "ลูกประคบ", metadata: { value_en: "Herbal compress" } },
] as const

export type SeedVariant = {
  title: string
  title_en: string
  sku: string
  barcode: string
  price: number
  stock: number
  option: string
  weight_g: number
}

export type SeedProduct = {
  handle: string
  title: string
  title_en: string
  subtitle: string
  subtitle_en: string
  description: string
  description_en: string
  type: (typeof PRODUCT_TYPES)[number]["value"]
  option_title: string
  option_title_en: string
  images: string[]
  /** Lot prefix used by the traceability module, e.g. MO-2611-03. */
  lot_prefix: string
  variants: SeedVariant[]
}

export const PRODUCTS: SeedProduct[] = [
  {
    handle: "mok-prai-herbal-massage-oil",
    title: "น้ำมันนวดสมุนไพรหมอกไพร",
    title_en: "Mok Prai herbal massage oil",
    subtitle: "เถาเอ็นอ่อน ผักเสี้ยนผี เพชรสังฆาต จากแปลงที่ได้รับรอง GAP/PGS",
    subtitle_en: "Cryptolepis, Cleome and Cissus from GAP/PGS-certified plots",
    description:
      "น้ำมันนวดสมุนไพรสูตรชุมชนแม่มอก สกัดจากเถาเอ็นอ่อน ผักเสี้ยนผี และเพชรสังฆาต " +
      "ที่ปลูกโดยครัวเรือนสมาชิกในตำบลแม่มอก อำเภอเถิน จังหวัดลำปาง บนแปลงที่ได้รับการรับรอง GAP และ PGS " +
      "ใช้นวดคลายกล้ามเนื้อ ทุกขวดสแกน QR เพื่อดูแปลงและครัวเรือนผู้ปลูกได้",
    description_en:
      "The Mae Mok community's herbal massage oil, made from Cryptolepis dubia, Cleome viscosa and " +
      "Cissus quadrangularis grown by member households in Tambon Mae Mok, Thoen, Lampang, on GAP- and " +
      "PGS-certified plots. For relaxing massage. Scan the QR on every bottle to see the plots and households behind it.",
    type: "น้ำมันนวดสมุนไพร",
    option_title: "ขนาด",
    option_title_en: "Size",
    images: ["mok-prai-oil.svg", "mok-prai-oil-detail.svg"],
    lot_prefix: "MO",
    variants: [
      { title: "30 มล.", title_en: "30 ml", option: "30 มล.", sku: "MM-OIL-30", barcode: gtin(301), price: 159, stock: 120, weight_g: 60 },
      { title: "100 มล.", title_en: "100 ml", option: "100 มล.", sku: "MM-OIL-100", barcode: gtin(302), price: 390, stock: 80, weight_g: 160 },
    ],
  },
  {
    handle: "ceramic-herbal-compress-ball",
    title: "ลูกประคบเซรามิค",
    title_en: "Ceramic herbal compress ball",
    subtitle: "ลูกประคบเซรามิคเก็บความร้อน บรรจุสมุนไพรแม่มอก",
    subtitle_en: "Heat-holding ceramic compress filled with Mae Mok herbs",
    description:
      "ลูกประคบเซรามิคจากช่างปั้นในลำปาง เก็บความร้อนได้นาน ใช้คู่กับห่อสมุนไพรจากแปลงที่ได้รับรอง " +
      "อุ่นแล้วประคบบริเวณที่ปวดเมื่อย ทุกลูกมี QR บอกที่มาของสมุนไพร",
    description_en:
      "A ceramic compress ball made by Lampang potters that holds heat for a long time, used with a pouch of herbs " +
      "from certified plots. Warm it and press it on sore muscles. Every ball carries a QR telling where its herbs came from.",
    type: "ลูกประคบ",
    option_title: "ชุด",
    option_title_en: "Set",
    images: ["ceramic-compress-ball.svg", "ceramic-compress-ball-set.svg"],
    lot_prefix: "CB",
    variants: [
      { title: "ลูกเดี่ยว", title_en: "Single ball", option: "ลูกเดี่ยว", sku: "MM-CB-1", barcode: gtin(401), price: 250, stock: 60, weight_g: 450 },
      { title: "ชุดคู่", title_en: "Pair set", option: "ชุดคู่", sku: "MM-CB-2", barcode: gtin(402), price: 460, stock: 40, weight_g: 900 },
    ],
  },
]
