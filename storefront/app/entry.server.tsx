import type { AppLoadContext, EntryContext } from "@remix-run/node"
import { RemixServer } from "@remix-run/react"
import { isbot } from "isbot"
import { NonceContext } from "~/lib/security/nonce"
import { InlineStyleContext } from "~/lib/render/inline-style"
import { INLINE_CSS } from "~/lib/render/inline-style.server"
import { renderDocumentStream } from "~/lib/render/render-stream.server"
import { newNonce, pagePolicy } from "~/lib/security/security.server"
import { rendersStandIns, SHARED_NONCE } from "~/lib/render/shared-page.server"

// storefront/server.js takes its Express middleware from the server build (build.entry.module).
export { sameOriginPosts } from "~/lib/security/csrf.server"
export { securityHeaders } from "~/lib/security/security.server"
export { sharedPageVisitor } from "~/lib/render/shared-page.server"
export { confirmedContentStamp } from "~/lib/render/content-version.server"
export { readsCurrent, trackReads } from "~/lib/render/reads.server"

const ABORT_DELAY = 5_000

/**
 * Renders a document with a fresh CSP nonce: in the policy header and on every inline script (Remix's context
 * and module scripts, single-fetch stream chunks, React's own). Crawlers get the whole document at once,
 * browsers get it streamed.
 */
export default async function handleRequest(
  request: Request,
  status: number,
  headers: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext
) {
  // A render page-cache.js fills in carries a stand-in that becomes each answer's own fresh nonce.
  const nonce = rendersStandIns(loadContext) ? SHARED_NONCE : newNonce()
  headers.set("Content-Security-Policy", pagePolicy(nonce))
  headers.set("Content-Type", "text/html; charset=utf-8")
  let shellRendered = false
  const body = await renderDocumentStream(
    <NonceContext.Provider value={nonce}>
      <InlineStyleContext.Provider value={INLINE_CSS}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </InlineStyleContext.Provider>
    </NonceContext.Provider>,
    {
      nonce,
      signal: request.signal,
      timeoutMs: ABORT_DELAY,
      onError(error) {
        status = 500
        // Errors before the shell reject renderDocumentStream and are logged by Remix. A client that goes away is
        // not an error and never arrives here (render-stream.server.ts).
        if (shellRendered) console.error(error)
      },
    }
  )
  shellRendered = true
  if (isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode) await body.allReady
  return new Response(body, { status, headers })
}
