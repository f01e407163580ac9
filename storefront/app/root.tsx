import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node"
import { data } from "@remix-run/node"
import {
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useLocation,
  useMatches,
  useNavigation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react"
import { localeFromParam, switchLocalePath } from "~/i18n"
import { ContactLine } from "~/components/contact-line"
import { config } from "~/lib/config.server"
import { csrfToken } from "~/lib/security/csrf.server"
import { FONT_PRELOADS } from "~/lib/render/fonts"
import { InlineStyle } from "~/lib/render/inline-style"
import { useNonce } from "~/lib/security/nonce"
import { getSession } from "~/lib/account/session.server"
import { rendersStandIns, SHARED_CSRF, SHARED_NAV, siteNav } from "~/lib/render/shared-page.server"
import { useI18n } from "~/lib/i18n/use-i18n"

export const links: LinksFunction = () => [
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  // The Thai font ships with the app (no font CDN); unicode-range keeps first visits to the subsets a page uses.
  ...FONT_PRELOADS.map((href) => ({ rel: "preload", href, as: "font", type: "font/woff2", crossOrigin: "anonymous" as const })),
  // The stylesheet itself is inline (<InlineStyle> in Layout): no round trip before the first paint.
]

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  // Every form of the shop carries this browser's CSRF token (components/shop-form.tsx), the header its cart
  // badge and account link; a page rendered once for many visitors carries stand-ins that page-cache.js
  // replaces by each one's own.
  // The group's contact is the same for every visitor: shared renders carry it too.
  // Product images and household photos come from the backend's origin: a browser may open that connection early.
  const media = new URL(config.medusaPublicUrl).origin
  const mediaOrigin = media === new URL(config.storefrontUrl).origin ? null : media
  if (rendersStandIns(context)) return data({ nav: SHARED_NAV, csrf: SHARED_CSRF, contact: config.shopContact, mediaOrigin })
  const session = await getSession(request)
  const csrf = await csrfToken(request, context)
  const nav = siteNav(localeFromParam(params.lang) ?? "th", {
    cartCount: session.get("cartCount") ?? 0,
    loggedIn: Boolean(session.get("token")),
  })
  return data(
    { nav, csrf: csrf.token, contact: config.shopContact, mediaOrigin },
    csrf.setCookie ? { headers: { "Set-Cookie": csrf.setCookie } } : undefined
  )
}

function SiteHeader() {
  const { t, lp } = useI18n()
  const data = useRouteLoaderData<typeof loader>("root")
  const { pathname, search } = useLocation()
  const navigation = useNavigation()
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t("nav.skip")}
      </a>
      <div className="site-header-inner">
        <Link to={lp("/")} className="brand">
          {t("site.name")}
        </Link>
        <nav aria-label={t("nav.main")}>
          <ul>
            <li>
              <Link to={lp("/products")}>{t("nav.shop")}</Link>
            </li>
            <li>
              <Link to={lp("/knowledge")} reloadDocument>{t("nav.knowledge")}</Link>
            </li>
            <li>
              <Link to={lp("/cart")}>
                {t("nav.cart")}
                <span className="badge">{data?.nav.cartBadge}</span>
              </Link>
            </li>
            <li>
              <Link to={data?.nav.accountHref ?? lp("/account/login")}>{data?.nav.accountLabel ?? t("nav.login")}</Link>
            </li>
            <li>
              <a href={switchLocalePath(pathname, search)} hrefLang={t("lang.switch") === "English" ? "en" : "th"} aria-label={t("lang.switchLabel")}>
                {t("lang.switch")}
              </a>
            </li>
          </ul>
        </nav>
      </div>
      {navigation.state !== "idle" ? <div className="progress" role="progressbar" aria-label={t("loading")} /> : null}
    </header>
  )
}

export function Layout({ children }: { children: React.ReactNode }) {
  const { locale, t } = useI18n()
  const nonce = useNonce()
  // Reading pages (herb pages, the knowledge book) say `handle = { scripts: false }`: they work as plain HTML, and
  // a buyer who comes from a scanned label on a slow phone connection downloads no JavaScript for them.
  const rootData = useRouteLoaderData<typeof loader>("root")
  const scripts = !useMatches().some((m) => (m.handle as { scripts?: boolean } | undefined)?.scripts === false)
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        {rootData?.mediaOrigin ? <link rel="preconnect" href={rootData.mediaOrigin} /> : null}
        <Links />
        <InlineStyle />
      </head>
      <body>
        <SiteHeader />
        <div id="main">{children}</div>
        <footer className="site-footer">
          {rootData?.contact ? <ContactLine contact={rootData.contact} t={t} /> : <p>{t("footer.contact")}</p>}
          <p>{t("footer.privacy")}</p>
        </footer>
        {scripts ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : null}
      </body>
    </html>
  )
}

export default function App() {
  return <Outlet />
}

export function ErrorBoundary() {
  const error = useRouteError()
  const { t, lp } = useI18n()
  const notFound = isRouteErrorResponse(error) && error.status === 404
  // A post refused by verifiedForm (csrf.server.ts): say that nothing was changed and how to carry on.
  const forged = isRouteErrorResponse(error) && error.status === 403 && error.data?.code === "CSRF"
  // A link or form with an id that is not one of ours (medusa-ids.server.ts): nothing was sent or changed.
  const bad = isRouteErrorResponse(error) && error.status === 400
  return (
    <main>
      <h1>{notFound ? t("error.notFound") : forged ? t("error.csrf.title") : bad ? t("error.badRequest.title") : t("error.generic")}</h1>
      {forged ? <p role="alert">{t("error.csrf.body")}</p> : null}
      {bad ? <p role="alert">{t("error.badRequest")}</p> : null}
      <p>
        <Link to={lp("/")}>{t("error.backHome")}</Link>
      </p>
    </main>
  )
}
