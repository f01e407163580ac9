import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node"
import { Link, useLoaderData } from "@remix-run/react"
import { ProductCard } from "~/components/product-card"
import { listProducts } from "~/lib/catalogue/catalogue.server"
import { config } from "~/lib/config.server"
import { loaderCacheControl, pageCacheHeaders } from "~/lib/render/http-cache.server"
import { requireLocale } from "~/lib/i18n/i18n.server"
import { seo } from "~/lib/render/seo"
import { useI18n } from "~/lib/i18n/use-i18n"

// The home page shows the first products; the catalogue pages the rest (a shop of 500 stays a light page).
const HOME_PRODUCTS = 12

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const { locale, t } = requireLocale(params)
  return data(
    {
      products: (await listProducts(locale)).slice(0, HOME_PRODUCTS),
      seo: { origin: config.storefrontUrl, locale, title: t("home.title"), description: t("site.description") },
    },
    { headers: pageCacheHeaders(context) }
  )
}

export const headers = loaderCacheControl

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data ? seo({ ...data.seo, path: "/" }) : [{ title: "Mae Mok" }]

export default function Home() {
  const { products } = useLoaderData<typeof loader>()
  const { t, lp } = useI18n()
  return (
    <>
      <section className="hero">
        <h1>{t("site.name")}</h1>
        <p>{t("site.tagline")}</p>
        <p className="muted">{t("home.story")}</p>
      </section>
      <main>
        <h2>{t("home.products")}</h2>
        <ul className="product-grid">
          {products.map((product) => (
            <ProductCard key={product.id} product={product} />
          ))}
        </ul>
        <p>
          <Link to={lp("/products")}>{t("home.allProducts")}</Link>
        </p>
      </main>
    </>
  )
}
