/**
 * The small map of the provenance page (docs/decisions/0063-area-map.md): Tambon Mae Mok's outline and its
 * villages, drawn on the server as SVG from the coarse data below, shipped with the shop. No tiles, no calls
 * out, and never a plot: only village centres (rounded to 0.01°, about 1 km), which are public (village-level
 * place, DESIGN.md privacy rules).
 *
 * Source: a hand-drawn simplification of the tambon boundary from coarse coordinates (about ±1 km), good
 * enough to show where the area is, not to survey it.
 */

type LngLat = readonly [lng: number, lat: number]

const TAMBON_OUTLINE: readonly LngLat[] = [
  [99.175, 17.56], [99.2, 17.545], [99.24, 17.548], [99.268, 17.565], [99.285, 17.595], [99.28, 17.628],
  [99.262, 17.65], [99.23, 17.658], [99.2, 17.648], [99.182, 17.625], [99.17, 17.595],
]

/** Village centres by the Thai name the records use. */
const VILLAGES: Record<string, LngLat> = {
  บ้านแม่มอก: [99.22, 17.59],
  บ้านทุ่งนาหลวง: [99.23, 17.57],
  บ้านดอยผาแดง: [99.25, 17.61],
}

export type AreaMap = {
  width: number
  height: number
  outline: string
  /** labelLeft: the name goes left of the dot (a dot near the right edge would have its name cut off). */
  villages: { name: string; x: number; y: number; here: boolean; labelLeft: boolean }[]
  /** A 2 km scale bar's length in SVG units. */
  twoKm: number
}

const WIDTH = 320
const PAD = 16

/** The map, with the villages `here` (the batch's growers' villages) marked. Villages not on file are left out. */
export function areaMap(here: readonly string[]): AreaMap {
  const lngs = TAMBON_OUTLINE.map((p) => p[0])
  const lats = TAMBON_OUTLINE.map((p) => p[1])
  const [minLng, maxLng, minLat, maxLat] = [Math.min(...lngs), Math.max(...lngs), Math.min(...lats), Math.max(...lats)]
  // Equirectangular at the area's latitude: fine over a few kilometres.
  const xScale = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180)
  const k = (WIDTH - 2 * PAD) / ((maxLng - minLng) * xScale)
  const height = Math.round((maxLat - minLat) * k + 2 * PAD)
  const project = ([lng, lat]: LngLat) => [round(PAD + (lng - minLng) * xScale * k), round(PAD + (maxLat - lat) * k)] as const
  const outline = TAMBON_OUTLINE.map((p, i) => `${i === 0 ? "M" : "L"}${project(p).join(" ")}`).join(" ") + " Z"
  const wanted = new Set(here.map((v) => v.trim()))
  const villages = Object.entries(VILLAGES).map(([name, p]) => {
    const [x, y] = project(p)
    return { name, x, y, here: wanted.has(name), labelLeft: x > WIDTH * 0.6 }
  })
  // 1° of latitude ≈ 111.3 km.
  return { width: WIDTH, height, outline, villages, twoKm: round((2 / 111.3) * k) }
}

function round(n: number): number {
  return Math.round(n * 10) / 10
}
