import { execFileSync } from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import jsQR from "jsqr"
import { PNG } from "pngjs"

/** The PDF's text layer as pdftotext reads it (UTF-8). */
export function pdfText(pdf: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pdf-")), "doc.pdf")
  fs.writeFileSync(file, pdf)
  return execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" })
}

/**
 * Every distinct QR code on every page of a PDF, as a phone would read them: each page is rendered at 200 dpi
 * (pdftoppm) and read by jsQR in overlapping windows (jsQR finds one code per image, and a whole A4 page with
 * barcodes and text around the codes is too busy for it).
 */
export function pdfQrCodes(pdf: Buffer): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pdf-qr-"))
  fs.writeFileSync(path.join(dir, "doc.pdf"), pdf)
  execFileSync("pdftoppm", ["-r", "200", "-png", path.join(dir, "doc.pdf"), path.join(dir, "page")])
  const found = new Set<string>()
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".png")).sort()) {
    const png = PNG.sync.read(fs.readFileSync(path.join(dir, file)))
    const w = Math.round(png.width / 3)
    const h = Math.round(png.height / 5)
    for (let y0 = 0; y0 + h <= png.height; y0 += Math.round(h / 4)) {
      for (let x0 = 0; x0 + w <= png.width; x0 += Math.round(w / 4)) {
        const tile = new Uint8ClampedArray(w * h * 4)
        for (let y = 0; y < h; y++) tile.set(png.data.subarray(((y0 + y) * png.width + x0) * 4, ((y0 + y) * png.width + x0 + w) * 4), y * w * 4)
        const code = jsQR(tile, w, h, { inversionAttempts: "dontInvert" })
        if (code) found.add(code.data)
      }
    }
  }
  return [...found]
}
