import type { ReactNode } from "react"
// Not react-dom/server's renderToPipeableStream: React 18.3's Node writer emits NUL bytes whenever a multi-byte
// character (all of Thai) straddles its 2 KB buffer, which the browser shows as "�". The web-streams renderer
// encodes whole strings first and is correct; Node 20 has web streams.
import { renderToReadableStream } from "react-dom/server.browser"

export type DocumentStream = ReadableStream<Uint8Array> & { allReady: Promise<void> }

export type RenderStreamOptions = {
  nonce: string
  /** The visitor's request: when it closes (the client went away), rendering stops without a word. */
  signal: AbortSignal
  /** Rendering still unfinished after this long is given up: React sends the fallbacks, and says why in onError. */
  timeoutMs: number
  /** Errors while rendering (a component threw, the timeout), never the client going away. */
  onError: (error: unknown) => void
}

/**
 * React's web-streams renderer with one HTTP response's life around it (decision 0012).
 *
 * React keeps listening to the abort signal after its document is complete, and an abort then (the timeout, or the
 * request closing, which Remix signals for every disconnect) makes it flush into the stream it already closed:
 * "TypeError [ERR_INVALID_STATE]: Controller is already closed", reported through onError as if rendering had
 * failed. A client that cancels the stream mid-document hits the same. So here React is aborted only while it still
 * renders and someone still reads, a client that leaves stops the render quietly, and React's own stream is never
 * cancelled under it (the visitor's end is a stream of ours, fed from React's).
 */
export async function renderDocumentStream(children: ReactNode, options: RenderStreamOptions): Promise<DocumentStream> {
  const stop = new AbortController()
  let ended = false // the document was read to its end, or the client went away: nothing may abort React now
  let clientLeft = false // errors from here on are the disconnect's echo, not rendering's
  let cancelled = false // the visitor's stream was cancelled: nothing may be put into it

  const end = () => {
    ended = true
    clearTimeout(timer)
    options.signal.removeEventListener("abort", onRequestAbort)
  }
  function onRequestAbort() {
    if (ended) return
    clientLeft = true
    end()
    stop.abort(options.signal.reason)
  }
  const timer = setTimeout(() => {
    if (!ended) stop.abort(new Error(`rendering took longer than ${options.timeoutMs} ms; the rest was sent as fallbacks`))
  }, options.timeoutMs)
  options.signal.addEventListener("abort", onRequestAbort)
  if (options.signal.aborted) onRequestAbort()

  let react: ReadableStream<Uint8Array> & { allReady: Promise<void> }
  try {
    react = (await renderToReadableStream(children, {
      nonce: options.nonce,
      signal: stop.signal,
      onError(error) {
        if (!clientLeft) options.onError(error)
      },
    })) as typeof react
  } catch (err) {
    end()
    throw err
  }
  // A failure after the shell was reported through onError; nobody else waits for allReady but crawlers.
  react.allReady.catch(() => undefined)

  const reader = react.getReader()
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let chunk: ReadableStreamReadResult<Uint8Array>
        try {
          chunk = await reader.read()
        } catch (err) {
          end()
          if (!cancelled) controller.error(err)
          return
        }
        if (cancelled) return
        if (chunk.done) {
          end()
          controller.close()
        } else {
          controller.enqueue(chunk.value)
        }
      },
      cancel(reason) {
        // The visitor's side stopped reading (a closed connection): stop rendering. React finishes into its own
        // stream, which nobody reads any more and which is collected with this one.
        cancelled = true
        if (ended) return
        clientLeft = true
        end()
        stop.abort(reason)
      },
    },
    { highWaterMark: 0 }
  )
  return Object.assign(body, { allReady: react.allReady })
}
