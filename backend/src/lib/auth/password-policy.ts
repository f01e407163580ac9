/**
 * The password policy of every account (customers, admin users), enforced by the backend wherever a password is
 * set: registration, a reset or update, the seeded admin (docs/decisions/0024-throttling.md). Plain functions.
 *
 * Length over composition rules (NIST SP 800-63B): at least 8 characters (Thai counts per character), at most
 * 256, not one of the passwords every guesser tries first, not the e-mail address or its name part.
 */
export const PASSWORD_MIN_LENGTH = 8
export const PASSWORD_MAX_LENGTH = 256

export type PasswordProblem = {
  reason: "missing" | "too_short" | "too_long" | "common" | "email"
  message: string
  message_th: string
}

// Lower-cased; a password equal to one of these (ignoring case) is refused.
const COMMON = new Set([
  "password", "password1", "password12", "password123", "passw0rd", "p@ssw0rd", "p@ssword",
  "12345678", "123456789", "1234567890", "0123456789", "87654321", "11111111", "00000000", "88888888",
  "99999999", "12341234", "11223344", "12121212", "123123123", "147258369", "987654321", "1q2w3e4r",
  "1qaz2wsx", "qwertyui", "qwertyuiop", "qwerty123", "asdfghjk", "asdfasdf", "zxcvbnm1", "abcd1234",
  "abc12345", "abcdefgh", "iloveyou", "iloveyou1", "sunshine", "princess", "football", "baseball",
  "superman", "starwars", "whatever", "trustno1", "welcome1", "welcome123", "letmein1", "admin123",
  "administrator", "changeme", "change-me", "medusa123", "medusajs", "thailand", "bangkok1",
  "maemok123", "maemok1234", "herbal123",
])

const MESSAGES: Record<PasswordProblem["reason"], [string, string]> = {
  missing: ["Enter a password.", "กรุณากรอกรหัสผ่าน"],
  too_short: [`The password must have at least ${PASSWORD_MIN_LENGTH} characters.`, `รหัสผ่านต้องมีอย่างน้อย ${PASSWORD_MIN_LENGTH} ตัวอักษร`],
  too_long: [`The password may have at most ${PASSWORD_MAX_LENGTH} characters.`, `รหัสผ่านยาวได้ไม่เกิน ${PASSWORD_MAX_LENGTH} ตัวอักษร`],
  common: ["This password is among the first ones people guess; choose another.", "รหัสผ่านนี้เดาง่ายเกินไป โปรดตั้งรหัสผ่านอื่น"],
  email: ["The password must not be your e-mail address.", "รหัสผ่านต้องไม่ใช่อีเมลของคุณ"],
}

function problem(reason: PasswordProblem["reason"]): PasswordProblem {
  const [message, message_th] = MESSAGES[reason]
  return { reason, message, message_th }
}

/** What is wrong with this password for the account with this e-mail, or null when it may be used. */
export function passwordProblem(password: unknown, email?: unknown): PasswordProblem | null {
  if (typeof password !== "string" || password.length === 0) return problem("missing")
  const length = [...password].length
  if (length < PASSWORD_MIN_LENGTH) return problem("too_short")
  if (length > PASSWORD_MAX_LENGTH) return problem("too_long")
  const lower = password.toLowerCase()
  // One character repeated, or a listed password.
  if (COMMON.has(lower) || /^(.)\1+$/u.test(password)) return problem("common")
  if (typeof email === "string" && email.includes("@")) {
    const address = email.trim().toLowerCase()
    const name = address.slice(0, address.indexOf("@"))
    if (lower === address || (name.length >= 4 && lower === name)) return problem("email")
  }
  return null
}
