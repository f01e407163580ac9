import { config } from "~/lib/config.server"
import { resolverDescription } from "~/lib/provenance/gs1-resolver.server"

/** The GS1 resolver description file: which keys and link types this shop's QR paths answer. */
export function loader() {
  return Response.json(resolverDescription(config.storefrontUrl), {
    headers: { "Access-Control-Allow-Origin": "*", "Cache-Control": "public, max-age=3600" },
  })
}
