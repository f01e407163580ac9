/**
 * Medusa ids that the storefront puts into backend URLs. A form field or a URL parameter is only ever used as an
 * id once it has Medusa's shape (a known prefix, "_", a 26-character ULID), and then URL-encoded as a path
 * segment: `line_id=../../../customers/me/addresses/…` once reached another route of the store API
 * (issue 10, item 13). A value of another shape is a clear 400 and nothing is sent.
 */
const PREFIX = {
  cart: "cart",
  lineItem: "cali",
  address: "cuaddr",
  order: "order",
  variant: "variant",
  shippingOption: "so",
  paymentCollection: "pay_col",
  region: "reg",
} as const

export type IdKind = keyof typeof PREFIX

// Crockford base32 as ulid() writes it (upper case, no I, L, O, U).
const ULID = "[0-9A-HJKMNP-TV-Z]{26}"
const PATTERNS = Object.fromEntries(Object.entries(PREFIX).map(([kind, prefix]) => [kind, new RegExp(`^${prefix}_${ULID}$`)])) as Record<IdKind, RegExp>

/** The value when it is a well-formed id of this kind, else null. */
export function medusaId(kind: IdKind, value: unknown): string | null {
  return typeof value === "string" && PATTERNS[kind].test(value) ? value : null
}

/** A 400 for the route's ErrorBoundary ("the link or form is not valid"), thrown before anything is sent. */
export function badId(kind: IdKind): Response {
  return new Response(JSON.stringify({ code: "BAD_ID", kind }), { status: 400, headers: { "Content-Type": "application/json", "Cache-Control": "no-store" } })
}

/** A well-formed id of this kind, URL-encoded for a path segment; otherwise throws badId (400). */
export function idSegment(kind: IdKind, value: unknown): string {
  const id = medusaId(kind, value)
  if (id === null) throw badId(kind)
  // A valid id encodes to itself; encoding anyway keeps a path segment a segment whatever the pattern allows.
  return encodeURIComponent(id)
}
