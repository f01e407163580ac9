import { createElement, Suspense, type ReactNode } from "react"
import { renderToReadableStream } from "react-dom/server.browser"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { renderDocumentStream } from "./render-stream.server"

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A component that suspends until `promise` settles (React 18's server renderer: throw the promise). */
function waitsFor(promise: Promise<string>) {
  let state: { done: boolean; value?: string; error?: unknown } = { done: false }
  promise.then(
    (value) => (state = { done: true, value }),
    (error) => (state = { done: true, error })
  )
  return function Waits() {
    if (!state.done) throw promise
    if (state.error) throw state.error
    return createElement("p", null, state.value)
  }
}

/** A document whose shell is ready at once and whose Suspense boundary holds `late`. */
function documentWith(late: ReactNode) {
  return createElement(
    "html",
    null,
    createElement("body", null, createElement("h1", null, "สมุนไพรแม่มอก"), createElement(Suspense, { fallback: createElement("p", null, "…") }, late))
  )
}

const decoder = new TextDecoder()
async function readAll(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<string> {
  let text = ""
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return text
    text += decoder.decode(value, { stream: true })
  }
}

// Whatever escapes as an unhandled rejection would also be logged by the server (or end it).
let escaped: unknown[] = []
const onUnhandled = (reason: unknown) => escaped.push(reason)
beforeEach(() => {
  escaped = []
  process.on("unhandledRejection", onUnhandled)
})
afterEach(() => {
  process.off("unhandledRejection", onUnhandled)
})

function render(children: ReactNode, timeoutMs = 40) {
  const request = new AbortController()
  const errors: unknown[] = []
  const stream = renderDocumentStream(children, { nonce: "n0nce", signal: request.signal, timeoutMs, onError: (e) => void errors.push(e) })
  return { request, errors, stream }
}

describe("the storefront's document stream", () => {
  it("the trap: React's own stream reports ERR_INVALID_STATE (already closed) when aborted after it finished", async () => {
    const request = new AbortController()
    const errors: unknown[] = []
    const stream = await renderToReadableStream(documentWith(createElement("p", null, "ok")), { signal: request.signal, onError: (e) => void errors.push(e) })
    await new Response(stream).text()
    request.abort() // what a timeout or a closing request did after the page went out
    await sleep(10)
    expect(errors.map(String).join("\n")).toMatch(/ERR_INVALID_STATE.*is already closed/)
  })

  it("sends a whole document, then stays quiet when the request closes and the timeout passes", async () => {
    const { request, errors, stream } = render(documentWith(createElement("p", null, "ok")))
    const html = await new Response(await stream).text()
    expect(html).toContain("สมุนไพรแม่มอก")
    expect(html).toContain("<p>ok</p>")
    request.abort()
    await sleep(80)
    expect(errors).toEqual([])
    expect(escaped).toEqual([])
  })

  it("stops quietly when the client goes away mid-document (the request closes), and the stream still ends", async () => {
    const { request, errors, stream } = render(documentWith(createElement(waitsFor(new Promise(() => undefined)))), 1000)
    const reader = (await stream).getReader()
    const shell = decoder.decode((await reader.read()).value)
    expect(shell).toContain("สมุนไพรแม่มอก")
    request.abort()
    await readAll(reader) // ends instead of waiting for the boundary: nothing hangs on a gone client
    await sleep(20)
    expect(errors).toEqual([])
    expect(escaped).toEqual([])
  })

  it("stops quietly when the reader cancels mid-document, also after the timeout would have fired", async () => {
    const { errors, stream } = render(documentWith(createElement(waitsFor(new Promise(() => undefined)))))
    const reader = (await stream).getReader()
    await reader.read()
    await reader.cancel(new Error("socket closed"))
    await sleep(80)
    expect(errors).toEqual([])
    expect(escaped).toEqual([])
  })

  it("still reports a component that fails after the shell went out", async () => {
    const failure = new Error("the batch summary failed to render")
    const { errors, stream } = render(documentWith(createElement(waitsFor(sleep(10).then(() => Promise.reject(failure))))), 1000)
    await new Response(await stream).text()
    expect(errors).toEqual([failure])
    expect(escaped).toEqual([])
  })

  it("gives up a render slower than the timeout, says so, and sends the fallback", async () => {
    const { errors, stream } = render(documentWith(createElement(waitsFor(new Promise(() => undefined)))), 30)
    const html = await new Response(await stream).text()
    expect(html).toContain("…")
    expect(errors.map(String).join("\n")).toMatch(/rendering took longer than 30 ms/)
    expect(escaped).toEqual([])
  })
})
