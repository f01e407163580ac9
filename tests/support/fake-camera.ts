import fs from "node:fs"
import { PNG } from "pngjs"

/**
 * A video for Chromium's fake camera (`--use-fake-device-for-media-stream --use-file-for-fake-video-capture=…`):
 * a YUV4MPEG2 (y4m) file in which each image (label QR codes as PNG) is shown centred on white for
 * `framesPerImage` frames, then `blankFrames` of white. Chromium plays it in a loop. Grey only (U = V = 128).
 */
export function writeY4m(file: string, pngs: Buffer[], options: { width?: number; height?: number; fps?: number; framesPerImage?: number; blankFrames?: number } = {}): void {
  const width = options.width ?? 640
  const height = options.height ?? 480
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128)
  const blank = Buffer.alloc(width * height, 255)
  const frames: Buffer[] = []
  const frame = (luma: Buffer) => frames.push(Buffer.from("FRAME\n"), luma, chroma)
  for (const data of pngs) {
    const png = PNG.sync.read(data)
    if (png.width > width || png.height > height) throw new Error(`image ${png.width}×${png.height} is larger than the video`)
    const luma = Buffer.from(blank)
    const left = Math.floor((width - png.width) / 2)
    const top = Math.floor((height - png.height) / 2)
    for (let y = 0; y < png.height; y++) {
      for (let x = 0; x < png.width; x++) {
        const i = (y * png.width + x) * 4
        const a = png.data[i + 3]! / 255
        const grey = 0.299 * png.data[i]! + 0.587 * png.data[i + 1]! + 0.114 * png.data[i + 2]!
        luma[(top + y) * width + left + x] = Math.round(grey * a + 255 * (1 - a))
      }
    }
    for (let n = 0; n < (options.framesPerImage ?? 20); n++) frame(luma)
    for (let n = 0; n < (options.blankFrames ?? 5); n++) frame(blank)
  }
  fs.writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F${options.fps ?? 10}:1 Ip A1:1 C420jpeg\n`), ...frames]))
}
