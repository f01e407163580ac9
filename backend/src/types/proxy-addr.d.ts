// proxy-addr (Express's own) ships no types; the two functions the throttles use.
declare module "proxy-addr" {
  import type { IncomingMessage } from "node:http"
  type Trust = (addr: string, index: number) => boolean
  function proxyaddr(req: IncomingMessage, trust: Trust | string | string[]): string
  namespace proxyaddr {
    function compile(value: string | string[]): Trust
  }
  export = proxyaddr
}
