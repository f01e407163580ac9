import type { LoaderFunctionArgs } from "@remix-run/node"
import { districtsOf, subDistrictsOf } from "~/lib/checkout/thai-address.server"

/** Next level of the Thai address picker: ?province=X → districts; &district=Y → sub-districts with postcodes. */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const province = url.searchParams.get("province")?.trim() ?? ""
  const district = url.searchParams.get("district")?.trim() ?? ""
  if (!province) {
    return Response.json({ type: "invalid_data", message: "the query parameter province is required" }, { status: 400 })
  }
  const places = district ? await subDistrictsOf(province, district) : await districtsOf(province)
  return Response.json({ places }, { headers: { "Cache-Control": "public, max-age=86400" } })
}
