/**
 * One browser's worth of plain HTTP against the storefront, as a shopper with JavaScript off does it: a cookie
 * jar, document GETs and form posts (never following redirects, so each answer can be checked).
 */

export type Page = { status: number; headers: Headers; text: string; location: string | null }

export type PostOptions = {
  /** The CSRF token to send; default: the one on the last page. null sends none. */
  token?: string | null
  headers?: Record<string, string>
  /** Send no cookies (a forged post from a browser that never visited the shop). */
  withoutCookies?: boolean
}

export class Visitor {
  readonly cookies = new Map<string, string>()
  last: Page | null = null

  /**
   * `ip`: the buyer's address, sent as X-Forwarded-For as a reverse proxy on this machine would (the storefront
   * trusts loopback, TRUST_PROXY): the backend throttles logins and orders per buyer IP.
   */
  constructor(
    readonly baseUrl: string,
    readonly options: { ip?: string } = {}
  ) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ")
  }

  private async send(path: string, init: RequestInit & { headers: Record<string, string> }, withoutCookies = false): Promise<Page> {
    if (!withoutCookies && this.cookies.size) init.headers.cookie = this.cookieHeader()
    if (this.options.ip) init.headers["x-forwarded-for"] = this.options.ip
    const res = await fetch(this.baseUrl + path, { ...init, redirect: "manual" })
    // What is sent to a browser without our cookies is not this browser's.
    for (const line of withoutCookies ? [] : res.headers.getSetCookie()) {
      const [pair] = line.split(";")
      const at = pair!.indexOf("=")
      const name = pair!.slice(0, at)
      const value = pair!.slice(at + 1)
      if (/Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(line) || value === "") this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
    return { status: res.status, headers: res.headers, text: await res.text(), location: res.headers.get("location") }
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<Page> {
    this.last = await this.send(path, { headers: { accept: "text/html", ...headers } })
    return this.last
  }

  /** The hidden CSRF field's value on the last page. */
  token(): string {
    const match = /name="csrf" value="([^"]*)"/.exec(this.last?.text ?? "")
    if (!match?.[1]) throw new Error("the last page has no CSRF field")
    return match[1]
  }

  /** A plain form post (application/x-www-form-urlencoded), as a browser with JavaScript off sends it. */
  async post(path: string, fields: Record<string, string>, options: PostOptions = {}): Promise<Page> {
    const token = options.token === undefined ? this.token() : options.token
    const body = new URLSearchParams({ ...fields, ...(token === null ? {} : { csrf: token }) })
    const origin = new URL(this.baseUrl).origin
    return this.send(
      path,
      {
        method: "POST",
        body,
        headers: { accept: "text/html", "content-type": "application/x-www-form-urlencoded", origin, "sec-fetch-site": "same-origin", ...options.headers },
      },
      options.withoutCookies
    )
  }

  /** The storefront's session (cart id, customer token): signed, not encrypted, so a test can read it. */
  session(): Record<string, unknown> {
    const raw = [...this.cookies].find(([name]) => name.endsWith("mm_session"))?.[1]
    if (!raw) return {}
    const signed = decodeURIComponent(raw)
    return JSON.parse(Buffer.from(signed.slice(0, signed.lastIndexOf(".")), "base64").toString("utf8"))
  }
}
