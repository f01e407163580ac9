import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node"
import { Form, useLoaderData, useNavigation } from "@remix-run/react"
import { ProductCard } from "~/components/product-card"
import { listProducts, listProductTypes, parseSort } from "~/lib/catalogue/catalogue.server"
import { config } from "~/lib/config.server"
import { loaderCacheControl, pageCacheHeaders } from "~/lib/render/http-cache.server"
import { requireLocale } from "~/lib/i18n/i18n.server"
import { seo } from "~/lib/render/seo"
import { useI18n } from "~/lib/i18n/use-i18n"

// Cards per catalogue page: a 500-product shop is 21 light pages, not one of 500 cards.
const PAGE_SIZE = 24

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const { locale, t } = requireLocale(params)
  const url = new URL(request.url)
  const sort = parseSort(url.searchParams.get("sort"))
  const types = await listProductTypes(locale)
  const type = types.find((ty) => ty.id === url.searchParams.get("type"))?.id ?? null
  const all = await listProducts(locale, { sort, typeId: type })
  const pages = Math.max(1, Math.ceil(all.length / PAGE_SIZE))
  // A page past the end (or not a number) shows the nearest real page rather than an empty list.
  const page = Math.min(pages, Math.max(1, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1))
  return data(
    {
      products: all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
      page,
      pages,
      types,
      sort,
      type,
      seo: { origin: config.storefrontUrl, locale, title: `${t("catalogue.title")} | ${t("site.name")}`, description: t("site.description") },
    },
    { headers: pageCacheHeaders(context) }
  )
}

export const headers = loaderCacheControl

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? seo({ ...data.seo, path: "/products" }) : [])

export default function Catalogue() {
  const { products, page, pages, types, sort, type } = useLoaderData<typeof loader>()
  const { t } = useI18n()
  const navigation = useNavigation()
  return (
    <main>
      <h1>{t("catalogue.title")}</h1>
      {/* A GET form: filters and sort live in the URL, so they work without JavaScript and can be shared. */}
      <Form method="get" className="filters" key={`${sort}:${type}`}>
        <label>
          {t("catalogue.type")}
          <select name="type" defaultValue={type ?? ""}>
            <option value="">{t("catalogue.type.all")}</option>
            {types.map((ty) => (
              <option key={ty.id} value={ty.id}>
                {ty.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("catalogue.sort")}
          <select name="sort" defaultValue={sort}>
            <option value="name">{t("catalogue.sort.name")}</option>
            <option value="price-asc">{t("catalogue.sort.priceAsc")}</option>
            <option value="price-desc">{t("catalogue.sort.priceDesc")}</option>
          </select>
        </label>
        <button type="submit" disabled={navigation.state === "loading"}>
          {t("catalogue.apply")}
        </button>
      </Form>
      {products.length === 0 ? (
        <p>{t("catalogue.empty")}</p>
      ) : (
        <ul className="product-grid">
          {products.map((product) => (
            <ProductCard key={product.id} product={product} />
          ))}
        </ul>
      )}
      {pages > 1 && <Pages page={page} pages={pages} sort={sort} type={type} />}
      <p>
        <a href="/catalogue/pdf" download>
          {t("catalogue.pdf")}
        </a>
      </p>
    </main>
  )
}

/** Plain links to each catalogue page, keeping the filter and sort (works without JavaScript). */
function Pages(props: { page: number; pages: number; sort: string; type: string | null }) {
  const { t } = useI18n()
  const href = (n: number) => {
    const q = new URLSearchParams()
    if (props.type) q.set("type", props.type)
    if (props.sort !== "name") q.set("sort", props.sort)
    if (n > 1) q.set("page", String(n))
    const s = q.toString()
    return s ? `?${s}` : "?"
  }
  return (
    <nav className="pages" aria-label={t("catalogue.pages")}>
      {Array.from({ length: props.pages }, (_, i) => i + 1).map((n) =>
        n === props.page ? (
          <span key={n} aria-current="page">
            {n}
          </span>
        ) : (
          <a key={n} href={href(n)}>
            {n}
          </a>
        )
      )}
    </nav>
  )
}
