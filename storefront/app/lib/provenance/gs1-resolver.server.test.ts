import { describe, expect, it } from "vitest"
import { pageLocale, requestedLinkType } from "./gs1-resolver.server"

const req = (headers: Record<string, string>) => new Request("http://shop.test/01/08859999003019/10/MO-2610-01", { headers })
const url = (query = "") => new URL(`http://shop.test/01/08859999003019/10/MO-2610-01${query}`)

describe("GS1 resolver content negotiation", () => {
  it("serves the linkset for its media type or ?linkType=all, the EPCIS link on request, else the page", () => {
    expect(requestedLinkType(req({ accept: "application/linkset+json" }), url())).toBe("all")
    expect(requestedLinkType(req({ accept: "text/html, application/linkset+json;q=0.9" }), url())).toBe("all")
    expect(requestedLinkType(req({}), url("?linkType=all"))).toBe("all")
    expect(requestedLinkType(req({}), url("?linkType=gs1:traceability"))).toBe("traceability")
    expect(requestedLinkType(req({}), url("?linkType=https://gs1.org/voc/traceability"))).toBe("traceability")
    expect(requestedLinkType(req({ accept: "text/html" }), url())).toBe("page")
    expect(requestedLinkType(req({ accept: "application/linkset+json" }), url("?linkType=gs1:pip"))).toBe("page")
  })

  it("answers in Thai unless asked for English or the browser names languages but not Thai", () => {
    expect(pageLocale(req({}), url())).toBe("th")
    expect(pageLocale(req({ "accept-language": "*" }), url())).toBe("th")
    expect(pageLocale(req({ "accept-language": "en-US,en;q=0.9,th;q=0.8" }), url())).toBe("th")
    expect(pageLocale(req({ "accept-language": "en-GB,en;q=0.9" }), url())).toBe("en")
    expect(pageLocale(req({ "accept-language": "de-DE,de;q=0.9" }), url())).toBe("en")
    expect(pageLocale(req({ "accept-language": "th-TH" }), url("?lang=en"))).toBe("en")
    expect(pageLocale(req({ "accept-language": "en-GB" }), url("?lang=th"))).toBe("th")
  })
})
