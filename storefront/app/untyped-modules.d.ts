// Modules without (matching) type declarations of their own.

// on-headers calls the listener (with the response as `this`) just before the headers go out.
declare module "on-headers" {
  import type { ServerResponse } from "node:http"
  export default function onHeaders(res: ServerResponse, listener: (this: ServerResponse) => void): void
}

// React's web-streams renderer; @types/react-dom declares it on "react-dom/server" only.
declare module "react-dom/server.browser" {
  export { renderToReadableStream } from "react-dom/server"
}
