/*
 * What the CSRF check shares between the server (csrf.server.ts verifies) and the forms (shop-form.tsx sends):
 * kept apart from both so neither imports the other (and root.tsx imports neither's dependencies in a cycle).
 */

/** Name of the hidden field that carries the CSRF token (checked by verifiedForm in csrf.server.ts). */
export const CSRF_FIELD = "csrf"

/** The part of the root loader's data a form reads: the session's CSRF token. */
export type CsrfRootData = { csrf: string }
