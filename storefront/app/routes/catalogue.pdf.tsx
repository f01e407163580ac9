import { config } from "~/lib/config.server"

// GET /catalogue/pdf — the e-catalogue as the backend prints it from the live catalogue (always current prices).
export async function loader() {
  const res = await fetch(`${config.medusaUrl}/store/catalogue/pdf`, { headers: { "x-publishable-api-key": config.publishableKey } })
  if (res.status !== 200) {
    console.error(`catalogue pdf: backend answered ${res.status}`)
    throw new Response("The catalogue is not available right now", { status: 503 })
  }
  return new Response(res.body, {
    status: 200,
    headers: { "Content-Type": "application/pdf", "Content-Disposition": 'inline; filename="mae-mok-catalogue.pdf"', "Cache-Control": "no-cache" },
  })
}
