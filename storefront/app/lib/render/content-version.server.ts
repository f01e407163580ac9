import { config } from "../config.server"

/**
 * The backend's stamp of everything the public pages show (GET /store/content-version), polled every
 * `config.contentPollMs`. Caches keep an entry for as long as the stamp it was loaded under is current,
 * so a change shows within about one poll, and nothing is fetched again while nothing changed.
 */
export type ContentVersion = {
  version: string
  /** When the poll that confirmed `version` started (the stamp describes the database at or after it). */
  checkedAt: number
  /** When this stamp was first seen. */
  changedAt: number
}

let current: ContentVersion | null = null
let timer: NodeJS.Timeout | null = null
let running: Promise<void> | null = null

async function poll(): Promise<void> {
  const startedAt = Date.now()
  try {
    const res = await fetch(`${config.medusaUrl}/store/content-version`, {
      headers: { "x-publishable-api-key": config.publishableKey },
      signal: AbortSignal.timeout(Math.max(1000, config.contentPollMs * 4)),
    })
    if (!res.ok) return
    const { version } = (await res.json()) as { version?: unknown }
    if (typeof version !== "string") return
    current = { version, checkedAt: startedAt, changedAt: current?.version === version ? current.changedAt : startedAt }
  } catch {
    // Keep the last stamp: once it is older than the caches' age limit they stop trusting it.
  }
}

/** One poll at a time: the timer's and those a cache asks for share it. */
function pollOnce(): Promise<void> {
  running ??= poll().finally(() => (running = null))
  return running
}

/** The last confirmed stamp (null until the first poll answered). Starts the poller on first use. */
export function contentVersion(): ContentVersion | null {
  if (!timer) {
    timer = setInterval(() => void pollOnce(), config.contentPollMs)
    timer.unref()
    void pollOnce()
  }
  return current
}

/**
 * A stamp confirmed within `withinMs`, waiting for a poll if the last one is older (a busy backend answers
 * polls late): asking for one cheap stamp spares a cache from loading every entry again, which would only make
 * the backend busier. Null when no such stamp comes within `withinMs` (backend down or overloaded).
 */
export async function confirmedContentVersion(withinMs: number): Promise<ContentVersion | null> {
  const asked = Date.now()
  const fresh = () => (current && Date.now() - current.checkedAt <= withinMs ? current : null)
  contentVersion()
  // The poll under way may have started too long ago to vouch for now; then one more after it.
  for (let i = 0; i < 2 && !fresh() && Date.now() - asked < withinMs; i++) {
    const left = withinMs - (Date.now() - asked)
    await Promise.race([pollOnce(), new Promise((r) => setTimeout(r, left).unref())])
  }
  return fresh()
}

/** The backend's stamp as createSwrCache takes it: every cache of public data uses both. */
export const contentStamp = { version: contentVersion, confirmVersion: confirmedContentVersion }

/**
 * For page-cache.js (through build.entry.module): the stamp a poll confirmed within the data caches' age limit
 * (`config.catalogueMaxAgeMs`), else null, so a stored page trusts a stamp exactly as long as its data does.
 */
export function confirmedContentStamp(): string | null {
  const stamp = contentVersion()
  return stamp && Date.now() - stamp.checkedAt <= config.catalogueMaxAgeMs ? stamp.version : null
}
