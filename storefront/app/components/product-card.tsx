import { Link } from "@remix-run/react"
import { formatBaht } from "~/lib/i18n/format"
import { useI18n } from "~/lib/i18n/use-i18n"

export type ProductCardData = {
  handle: string
  title: string
  subtitle: string | null
  thumbnail: string | null
  priceFrom: number | null
}

export function ProductCard({ product }: { product: ProductCardData }) {
  const { t, lp } = useI18n()
  return (
    <li className="product-card">
      <Link to={lp(`/products/${product.handle}`)}>
        {product.thumbnail ? <img src={product.thumbnail} alt={product.title} width={400} height={400} loading="lazy" /> : null}
        <div className="body">
          <h3>{product.title}</h3>
          {product.subtitle ? <p className="subtitle">{product.subtitle}</p> : null}
          {product.priceFrom !== null ? (
            <p className="price">
              {t("price.from")} {formatBaht(product.priceFrom)} <small>{t("price.inclVat")}</small>
            </p>
          ) : null}
        </div>
      </Link>
    </li>
  )
}
