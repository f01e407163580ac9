import jsQR from "jsqr"

// Reading QR codes from the camera: the browser's BarcodeDetector where it exists (Chrome on Android, Safari
// 17+), jsQR on a canvas frame otherwise (docs/decisions/0030-scan-to-pack.md).

type Detector = { detect: (source: CanvasImageSource) => Promise<{ rawValue: string }[]> }

async function nativeDetector(): Promise<Detector | null> {
  const BD = (globalThis as { BarcodeDetector?: { new (o: { formats: string[] }): Detector; getSupportedFormats?: () => Promise<string[]> } }).BarcodeDetector
  if (!BD) return null
  try {
    const formats = (await BD.getSupportedFormats?.()) ?? ["qr_code"]
    return formats.includes("qr_code") ? new BD({ formats: ["qr_code"] }) : null
  } catch {
    return null
  }
}

/**
 * Starts the back camera in `video` and calls `onCode` with each QR text read (the same text at most once every
 * 2.5 s, so a label held still is one scan). Returns a function that stops the camera.
 */
export async function startQrCamera(video: HTMLVideoElement, onCode: (text: string) => void): Promise<() => void> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false })
  video.srcObject = stream
  video.setAttribute("playsinline", "true")
  await video.play()
  const detector = await nativeDetector()
  const canvas = document.createElement("canvas")
  const ctx = canvas.getContext("2d", { willReadFrequently: true })
  let stopped = false
  let last = { text: "", at: 0 }
  const seen = (text: string) => {
    const now = Date.now()
    if (text === last.text && now - last.at < 2500) return
    last = { text, at: now }
    onCode(text)
  }
  const tick = async () => {
    if (stopped) return
    try {
      if (video.readyState >= 2 && video.videoWidth > 0) {
        if (detector) {
          for (const code of await detector.detect(video)) if (code.rawValue) seen(code.rawValue)
        } else if (ctx) {
          canvas.width = video.videoWidth
          canvas.height = video.videoHeight
          ctx.drawImage(video, 0, 0)
          const image = ctx.getImageData(0, 0, canvas.width, canvas.height)
          const code = jsQR(image.data, image.width, image.height, { inversionAttempts: "dontInvert" })
          if (code?.data) seen(code.data)
        }
      }
    } catch {
      // a frame that cannot be read: try the next
    }
    if (!stopped) setTimeout(tick, 150)
  }
  void tick()
  return () => {
    stopped = true
    for (const track of stream.getTracks()) track.stop()
    video.srcObject = null
  }
}
