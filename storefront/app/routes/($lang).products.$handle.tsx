import { buildDigitalLinkPath } from "@mae-mok/traceability"
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node"
import { Link, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react"
import { ProductVideos } from "~/components/product-videos"
import { ShopForm } from "~/components/shop-form"
import { getProduct } from "~/lib/catalogue/catalogue.server"
import { herbHrefs } from "~/lib/catalogue/herbs.server"
import { config } from "~/lib/config.server"
import { counted, formatBaht } from "~/lib/i18n/format"
import { loaderCacheControl, pageCacheHeaders } from "~/lib/render/http-cache.server"
import { requireLocale } from "~/lib/i18n/i18n.server"
import { currentBatch } from "~/lib/provenance/provenance.server"
import { seo } from "~/lib/render/seo"
import { shareImageUrl } from "~/lib/catalogue/share-image.server"
import { useI18n } from "~/lib/i18n/use-i18n"
import { Say, shown } from "~/lib/i18n/english-fallback"

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const { locale } = requireLocale(params)
  const product = await getProduct(locale, params.handle ?? "")
  if (!product) throw new Response("Not found", { status: 404 })
  const wanted = new URL(request.url).searchParams.get("variant")
  const selected =
    product.variants.find((v) => v.id === wanted) ?? product.variants.find((v) => v.available) ?? product.variants[0] ?? null
  const [batch, herbLinks] = await Promise.all([selected?.gtin ? currentBatch(selected.gtin) : null, herbHrefs(locale)])
  return data(
    {
      product,
      selectedId: selected?.id ?? null,
      batch: batch
        ? {
            lot: batch.batch.lot,
            households: batch.totals.households,
            plots: batch.plots.filter((p) => p.certifications.length > 0).length,
            herbs: batch.herbs.map((h) => ({ name: shown(locale, h.thaiName, h.englishName), scientificName: h.scientificName, href: herbLinks[h.scientificName] ?? null })),
            href: selected?.gtin ? buildDigitalLinkPath({ gtin: selected.gtin, lot: batch.batch.lot }) : null,
            // aggregate only, from the public projection (issue 13)
            growerShare: batch.growerShare && batch.growerShare.kind !== "none" ? { th: batch.growerShare.message_th, en: batch.growerShare.message_en } : null,
          }
        : null,
      origin: config.storefrontUrl,
      locale,
      shareImage: shareImageUrl(locale, "products", product.handle),
    },
    { headers: pageCacheHeaders(context) }
  )
}

export const headers = loaderCacheControl

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? seo({
        origin: data.origin,
        locale: data.locale,
        path: `/products/${data.product.handle}`,
        title: `${data.product.title} | ${data.locale === "en" ? "Mae Mok Herbs" : "สมุนไพรแม่มอก"}`,
        description: data.product.subtitle ?? data.product.description ?? data.product.title,
        image: data.product.thumbnail,
        shareImage: data.shareImage,
        type: "product",
      })
    : []

function stockLabel(t: ReturnType<typeof useI18n>["t"], stock: number | null): string {
  if (stock === null) return t("product.inStock")
  if (stock === 0) return t("product.outOfStock")
  if (stock <= 10) return t("product.lowStock", { n: stock })
  return t("product.inStock")
}

export default function ProductPage() {
  const { product, selectedId, batch, origin, locale } = useLoaderData<typeof loader>()
  const { t, lp } = useI18n()
  const navigation = useNavigation()
  const [, setSearchParams] = useSearchParams()
  const adding = navigation.state !== "idle" && navigation.formData?.get("intent") === "add"
  const selected = product.variants.find((v) => v.id === selectedId)

  const jsonLd = {
    "@context": "https://schema.org",
    "@type": "Product",
    name: product.title,
    description: product.description ?? undefined,
    image: product.images.length ? product.images : undefined,
    brand: { "@type": "Brand", name: "Mae Mok" },
    inLanguage: locale,
    offers: product.variants
      .filter((v) => v.price !== null)
      .map((v) => ({
        "@type": "Offer",
        name: v.title,
        sku: v.sku ?? undefined,
        gtin14: v.gtin ?? undefined,
        price: v.price,
        priceCurrency: "THB",
        availability: v.available ? "https://schema.org/InStock" : "https://schema.org/OutOfStock",
        url: `${origin}${lp(`/products/${product.handle}`)}?variant=${v.id}`,
      })),
  }

  return (
    <main className="product-page">
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: JSON.stringify(jsonLd).replace(/</g, "\\u003c") }} />
      <div className="product-layout">
        <div className="gallery">
          {product.images.map((src, i) => (
            <img key={src} src={src} alt={i === 0 ? product.title : ""} width={600} height={600} loading={i === 0 ? "eager" : "lazy"} />
          ))}
        </div>
        <div>
          <h1>{product.title}</h1>
          {product.subtitle ? <p className="subtitle">{product.subtitle}</p> : null}
          <ShopForm action={lp("/cart")} className="add-form">
            <input type="hidden" name="intent" value="add" />
            <fieldset>
              <legend>
                {t("product.variant")} {product.optionTitle ?? ""}
              </legend>
              {product.variants.map((v) => (
                <label key={v.id} className="variant-option">
                  <input
                    type="radio"
                    name="variant_id"
                    value={v.id}
                    defaultChecked={v.id === selectedId}
                    disabled={!v.available}
                    onChange={() => setSearchParams({ variant: v.id }, { replace: true, preventScrollReset: true })}
                  />
                  <span className="variant-title">{v.title}</span>
                  <span className="price">{v.price !== null ? formatBaht(v.price) : ""}</span>
                  <small className={v.available ? "stock" : "stock out"}>{stockLabel(t, v.stock)}</small>
                </label>
              ))}
            </fieldset>
            <p className="muted">{t("price.inclVat")}</p>
            <div className="buy-row">
              <label className="qty">
                {t("product.quantity")}
                <input type="number" name="quantity" min={1} max={99} defaultValue={1} inputMode="numeric" required />
              </label>
              <button type="submit" className="primary" disabled={adding || !selected?.available}>
                {adding ? t("product.adding") : t("product.addToCart")}
              </button>
            </div>
          </ShopForm>

          <section aria-labelledby="provenance-heading" className="provenance-summary">
            <h2 id="provenance-heading">{t("product.provenance")}</h2>
            {batch ? (
              <>
                <p>{t("product.provenanceSummary", { lot: batch.lot, households: counted(t, "count.household", batch.households), plots: counted(t, "count.plot", batch.plots) })}</p>
                {batch.growerShare ? (
                  <p className="grower-share" data-testid="grower-share">
                    {locale === "en" ? batch.growerShare.en : batch.growerShare.th}
                  </p>
                ) : null}
                {batch.herbs.length ? (
                  <>
                    <h3>{t("product.herbs")}</h3>
                    <ul>
                      {batch.herbs.map((h) => (
                        <li key={h.scientificName}>
                          {h.href ? <Link to={h.href} reloadDocument><Say locale={locale} value={h.name} /></Link> : <Say locale={locale} value={h.name} />} (<i lang="la">{h.scientificName}</i>)
                        </li>
                      ))}
                    </ul>
                  </>
                ) : null}
                {batch.href ? (
                  <p>
                    <Link to={batch.href} reloadDocument>
                      {t("product.provenanceLink")}
                    </Link>
                  </p>
                ) : null}
              </>
            ) : (
              <p>{t("product.noBatch")}</p>
            )}
          </section>

          <ProductVideos videos={product.videos} locale={locale} t={t} />

          {product.description ? (
            <section>
              <h2>{t("product.description")}</h2>
              <p>{product.description}</p>
            </section>
          ) : null}
        </div>
      </div>
    </main>
  )
}
