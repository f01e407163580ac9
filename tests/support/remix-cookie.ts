import crypto from "node:crypto"

/**
 * A cookie signed the way Remix's `createCookie(name, { secrets: [secret] })` signs it (base64 JSON, then
 * `value.HMAC-SHA256` without padding), to forge or present sessions in tests. Written out here because
 * importing `@remix-run/node` into the tests adds its global typing of `process.env` (NODE_ENV required),
 * which every plain environment object in the tests would then fail.
 */
export function remixSignedCookie(name: string, value: unknown, secret: string): string {
  const data = Buffer.from(JSON.stringify(value), "utf8").toString("base64")
  const signature = crypto.createHmac("sha256", secret).update(data).digest("base64").replace(/=+$/, "")
  return `${name}=${encodeURIComponent(`${data}.${signature}`)}`
}
