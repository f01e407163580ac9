/**
 * Label paper the group buys (issue 15): A4 sticker sheets sold in Thailand by rows × columns, and a roll for a
 * thermal label printer. Sizes in millimetres; a sheet's margins and gaps place each label on its die-cut.
 * docs/decisions/0058-label-sheets.md (pure: the admin and the sheet route share it)
 */
export type LabelLayout = {
  id: string
  name_th: string
  name_en: string
  paper: { width: number; height: number }
  /** Distance of the first label from the top-left corner of the paper. */
  margin: { top: number; left: number }
  cols: number
  rows: number
  label: { width: number; height: number }
  gap: { x: number; y: number }
}

const A4 = { width: 210, height: 297 }

export const LABEL_LAYOUTS = [
  { id: "a4-3x8", name_th: "A4 24 ดวง (3 × 8, 70 × 37 มม.)", name_en: "A4, 24 labels (3 × 8, 70 × 37 mm)", paper: A4, margin: { top: 0.5, left: 0 }, cols: 3, rows: 8, label: { width: 70, height: 37 }, gap: { x: 0, y: 0 } },
  { id: "a4-3x7", name_th: "A4 21 ดวง (3 × 7, 70 × 42.3 มม.)", name_en: "A4, 21 labels (3 × 7, 70 × 42.3 mm)", paper: A4, margin: { top: 0.45, left: 0 }, cols: 3, rows: 7, label: { width: 70, height: 42.3 }, gap: { x: 0, y: 0 } },
  { id: "a4-2x7", name_th: "A4 14 ดวง (2 × 7, 99.1 × 38.1 มม.)", name_en: "A4, 14 labels (2 × 7, 99.1 × 38.1 mm)", paper: A4, margin: { top: 15.1, left: 4.65 }, cols: 2, rows: 7, label: { width: 99.1, height: 38.1 }, gap: { x: 2.5, y: 0 } },
  { id: "a4-4x10", name_th: "A4 40 ดวง (4 × 10, 52.5 × 29.7 มม.)", name_en: "A4, 40 labels (4 × 10, 52.5 × 29.7 mm)", paper: A4, margin: { top: 0, left: 0 }, cols: 4, rows: 10, label: { width: 52.5, height: 29.7 }, gap: { x: 0, y: 0 } },
  { id: "roll-50x30", name_th: "ม้วนสติกเกอร์ 50 × 30 มม. (เครื่องพิมพ์ฉลาก)", name_en: "Label roll 50 × 30 mm (label printer)", paper: { width: 50, height: 30 }, margin: { top: 0, left: 0 }, cols: 1, rows: 1, label: { width: 50, height: 30 }, gap: { x: 0, y: 0 } },
  { id: "roll-60x40", name_th: "ม้วนสติกเกอร์ 60 × 40 มม. (เครื่องพิมพ์ฉลาก)", name_en: "Label roll 60 × 40 mm (label printer)", paper: { width: 60, height: 40 }, margin: { top: 0, left: 0 }, cols: 1, rows: 1, label: { width: 60, height: 40 }, gap: { x: 0, y: 0 } },
] as const satisfies readonly LabelLayout[]

export type LabelLayoutId = (typeof LABEL_LAYOUTS)[number]["id"]
export const LABEL_LAYOUT_IDS = LABEL_LAYOUTS.map((l) => l.id) as [LabelLayoutId, ...LabelLayoutId[]]
export const DEFAULT_LABEL_LAYOUT: LabelLayoutId = "a4-3x8"

export function labelLayout(id: LabelLayoutId | undefined): LabelLayout {
  return LABEL_LAYOUTS.find((l) => l.id === (id ?? DEFAULT_LABEL_LAYOUT)) ?? LABEL_LAYOUTS[0]
}

/** Whether every label (with its gaps and margins) fits on the paper: checked for each layout by a unit test. */
export function layoutFits(l: LabelLayout): boolean {
  const w = l.margin.left + l.cols * l.label.width + (l.cols - 1) * l.gap.x
  const h = l.margin.top + l.rows * l.label.height + (l.rows - 1) * l.gap.y
  return w <= l.paper.width + 0.01 && h <= l.paper.height + 0.01
}

/** The labels split into pages of one sheet (or one roll label) each. */
export function paginate<T>(items: readonly T[], l: LabelLayout): T[][] {
  const per = l.cols * l.rows
  const pages: T[][] = []
  for (let i = 0; i < items.length; i += per) pages.push(items.slice(i, i + per))
  return pages
}

/** The QR's side in mm: as large as the label's height allows, leaving room for the text beside it. */
export function qrSide(l: LabelLayout): number {
  return Math.round(Math.min(l.label.height - 4, l.label.width * 0.42) * 10) / 10
}
