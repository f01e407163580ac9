// The admin is served by Medusa itself (/app), so /admin/* is on the same origin and the
// dashboard's session cookie authenticates these calls.

/** An error answer of the admin API, with the parts the UI shows. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly type: string | undefined,
    readonly code: string | undefined,
    /** The Thai half of every refusal (docs/decisions/0021-conventions.md). */
    readonly messageTh?: string
  ) {
    super(message)
  }
}

type Method = "GET" | "POST" | "DELETE"

export async function api<T>(path: string, options: { method?: Method; body?: unknown } = {}): Promise<T> {
  const method = options.method ?? (options.body === undefined ? "GET" : "POST")
  const res = await fetch(path, {
    method,
    credentials: "include",
    headers: { accept: "application/json", ...(options.body === undefined ? {} : { "content-type": "application/json" }) },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  })
  const text = await res.text()
  let json: any = undefined
  try {
    json = text ? JSON.parse(text) : undefined
  } catch {
    // Not JSON (a proxy page, say): fall through with the raw text.
  }
  if (!res.ok) {
    const message = typeof json?.message === "string" ? json.message : text || `HTTP ${res.status}`
    throw new ApiError(message, res.status, json?.type, json?.code, typeof json?.message_th === "string" ? json.message_th : undefined)
  }
  return json as T
}

/** Query string from defined values only. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") q.set(k, String(v))
  const s = q.toString()
  return s ? `?${s}` : ""
}

/** A refusal in the admin's language: the API's `message_th` for Thai, `message` otherwise (docs/decisions/0021-conventions.md). */
export function localizedMessage(error: { message: string; messageTh?: string } | string, language: string): string {
  if (typeof error === "string") return error
  return error.messageTh && language.startsWith("th") ? error.messageTh : error.message
}
