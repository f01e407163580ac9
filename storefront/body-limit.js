// Request bodies are read here, before Remix or anything else buffers them, and only up to a limit: the shop's
// forms are a few hundred bytes, and a 60 MB post was once read whole (memory 307 → 607 MB, then a 500).
// A larger body is refused with 413 as soon as its Content-Length says so, or as soon as the bytes that
// arrive pass the limit; what has arrived is dropped and the rest is not kept (issue 10, item 9).

/** 64 KB: room for every form of the shop many times over (STOREFRONT_MAX_BODY_KB to change it). */
export const MAX_BODY_BYTES = (Number(process.env.STOREFRONT_MAX_BODY_KB) || 64) * 1024

/**
 * The one form with a file: the transfer slip on the order confirmation page (decision 0054). 8 MB, so a slip
 * somewhat over the backend's 5 MB still reaches the page, which says so in its own words.
 */
export const UPLOAD_BODY_BYTES = 8 * 1024 * 1024
const UPLOAD_PATH = /^(\/en)?\/order\/[^/]+\/confirmed(\.data)?$/

/** The limit for this request's body. */
export function bodyLimitFor(req, limit = MAX_BODY_BYTES) {
  const path = (req.originalUrl ?? req.url ?? "/").split("?")[0]
  return UPLOAD_PATH.test(path) ? Math.max(limit, UPLOAD_BODY_BYTES) : limit
}

const PAGE = {
  th: {
    title: "ข้อมูลที่ส่งมีขนาดใหญ่เกินไป",
    body: "ระบบไม่ได้รับและไม่ได้เปลี่ยนแปลงอะไร โปรดกลับไปที่หน้าก่อน แล้วลองส่งใหม่โดยกรอกเฉพาะข้อมูลที่จำเป็น",
    back: "กลับไปที่ร้านค้า",
    home: "/",
  },
  en: {
    title: "What was sent is too large",
    body: "Nothing was received or changed. Please go back and send the form again with only the details it asks for.",
    back: "Back to the shop",
    home: "/en",
  },
}

/** JSON for API-like requests (Remix's .data fetches, Accept: application/json), a Thai/English page otherwise. */
function refuse(req, res, limit) {
  const path = (req.originalUrl ?? req.url ?? "/").split("?")[0]
  const locale = path === "/en" || path.startsWith("/en/") ? "en" : "th"
  const accept = String(req.headers.accept ?? "")
  const json = path.endsWith(".data") || (accept.includes("application/json") && !accept.includes("text/html"))
  const kb = Math.round(limit / 1024)
  res.setHeader("Cache-Control", "no-store")
  res.statusCode = 413
  if (json) {
    res.setHeader("Content-Type", "application/json; charset=utf-8")
    res.end(
      JSON.stringify({
        code: "BODY_TOO_LARGE",
        message: `The request body is larger than ${kb} KB; nothing was changed.`,
        message_th: `ข้อมูลที่ส่งมีขนาดเกิน ${kb} KB ระบบไม่ได้เปลี่ยนแปลงอะไร`,
        limit_bytes: limit,
      })
    )
  } else {
    const t = PAGE[locale]
    res.setHeader("Content-Type", "text/html; charset=utf-8")
    res.end(
      `<!DOCTYPE html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
        `<title>${t.title}</title></head><body><main><h1>${t.title}</h1><p role="alert">${t.body}</p>` +
        `<p><a href="${t.home}">${t.back}</a></p></main></body></html>`
    )
  }
  // Stop keeping: whatever else the client sends is read and dropped (no memory) — Node drains a request whose
  // answer is out —, so the client gets to read the 413 instead of a reset connection. Not `Connection: close`:
  // Node then closes the socket as soon as the answer is written and a client still uploading sees EPIPE/ECONNRESET.
  // An upload that does not end within LINGER_MS of the answer is cut off.
  req.unpipe?.()
  req.removeAllListeners("data")
  req.resume()
  res.on("finish", () => {
    if (req.complete) return
    const socket = req.socket
    const timer = setTimeout(() => socket?.destroy(), LINGER_MS)
    timer.unref()
    req.once("end", () => clearTimeout(timer))
  })
}

/** How long a refused upload is still read (and dropped) after the 413, at most. */
const LINGER_MS = 2000

/**
 * Express middleware: reads the body of every request that may have one into `req.body` (a Buffer), at most
 * `limit` bytes; beyond that, 413 (see refuse()). server.js hands the Buffer to Remix as the request body.
 */
export function limitedBodies({ limit: formLimit = MAX_BODY_BYTES } = {}) {
  return function limitedBodiesMiddleware(req, res, next) {
    if (req.method === "GET" || req.method === "HEAD") return next()
    const limit = bodyLimitFor(req, formLimit)
    const declared = Number(req.headers["content-length"])
    if (Number.isFinite(declared) && declared > limit) return refuse(req, res, limit)
    const chunks = []
    let size = 0
    let settled = false
    const onData = (chunk) => {
      if (settled) return
      size += chunk.length
      if (size > limit) {
        settled = true
        chunks.length = 0
        refuse(req, res, limit)
        return
      }
      chunks.push(chunk)
    }
    req.on("data", onData)
    req.once("end", () => {
      if (settled) return
      settled = true
      req.body = Buffer.concat(chunks)
      next()
    })
    req.once("error", (err) => {
      if (settled) return
      settled = true
      next(err)
    })
  }
}
