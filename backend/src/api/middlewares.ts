import {
  authenticate,
  defineMiddlewares,
  errorHandler,
  type MedusaNextFunction,
  type MedusaRequest,
  type MedusaResponse,
  validateAndTransformBody,
} from "@medusajs/framework/http"
import {
  BatchCreate,
  BatchReason,
  BatchRelease,
  CertificationCreate,
  CertificationUpdate,
  HarvestCorrect,
  HarvestCreate,
  HarvestVoid,
  HouseholdCreate,
  HouseholdUpdate,
  IssueUnits,
  PlotCreate,
  PlotUpdate,
  HerbPageCreate,
  ProductVideos,
  HerbPageUpdate,
  HerbRecipeCreate,
  HerbRecipeUpdate,
  SpeciesCreate,
  SpeciesUpdate,
  PackFulfil,
  PackScan,
  PackTracking,
  PackUnpack,
  UnpaidRelease,
  FarmGatePriceCreate,
  ShareRuleCreate,
  RuleEnd,
  HouseholdPayment,
  PayoutRunCreate,
  HouseholdAccess,
  HouseholdReveal,
  LabelReportHandle,
} from "./admin/validators"
import { requireHouseholdPrivate, requireStoreOwner } from "../lib/auth/household-private"
import { quantityLimitBody } from "../lib/checkout/quantity-limits"
import { cartWriteStockRefusal } from "../lib/checkout/stock-refusal"
import { errorAnswer } from "../lib/errors"
import { jsonWritesOnly, refuseActiveUploads, sameOriginWrites } from "../lib/http/admin-writes"
import { loginThrottle, passwordPolicy, registerThrottle, resetThrottle } from "../lib/auth/auth-guard"
import { orderAccess } from "../lib/orders/order-access"
import { slipThrottle } from "../lib/orders/slip-throttle"
import { reservedCustomerMetadata, verificationResendThrottle } from "../lib/auth/email-verification-guard"
import { EmailVerify } from "./store/customers/validators"
import { checkoutThrottle } from "../lib/throttle/checkout-throttle"
import { refuseNulInUrl } from "../lib/http/refuse-nul-in-url"
import { requireStorefront, scanGuessLimit } from "../lib/traceability/guess-limit"
import { LabelReportBody, ScanBatch } from "./store/provenance/validators"

const medusaErrorHandler = errorHandler()

/**
 * The one place errors become HTTP answers (docs/decisions/0021-conventions.md). Medusa's handler decides the
 * status and body; an AppError (or its serialised copy from a workflow) adds `message_th`, and `status` where
 * Medusa has no type for it. A path parameter Express cannot decode (e.g. "%ZZ") is a URIError Express marks
 * 400, which Medusa's handler would answer 500.
 */
function apiErrorHandler(err: unknown, req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  if (err instanceof URIError && (err as URIError & { status?: number }).status === 400) {
    return void res.status(400).json({
      type: "invalid_data",
      code: "MALFORMED_URL",
      message: "The URL has a malformed percent-escape (expected % and two hex digits of UTF-8).",
      message_th: "ลิงก์ไม่ถูกต้อง",
    })
  }
  // A cart over the quantity limits or short of stock (Medusa's own errors): a 400 in English and Thai with its own code.
  const refusal = quantityLimitBody(err) ?? cartWriteStockRefusal(err)
  if (refusal) return void res.status(400).json(refusal)
  const answer = errorAnswer(err)
  if (!answer) return medusaErrorHandler(err, req, res, next)
  if (answer.status >= 500) console.error(err)
  for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value)
  res.status(answer.status).json(answer.body)
}

// One entry per validated route. Shared file: add entries, keep it a flat list.
export default defineMiddlewares({
  errorHandler: apiErrorHandler,
  routes: [
    // a NUL character in a URL never reaches the database (hardening: route fuzzing)
    { matcher: "/admin*", middlewares: [refuseNulInUrl] },
    { matcher: "/store*", middlewares: [refuseNulInUrl] },
    { matcher: "/hooks*", middlewares: [refuseNulInUrl] },
    // --- admin origin: writes only from its own origin, as JSON; no SVG/HTML uploads (docs/decisions/0019-admin-origin-security.md).
    // Security headers of every response of this origin are set in backend/instrumentation.ts.
    { matcher: "/admin*", middlewares: [sameOriginWrites, jsonWritesOnly] },
    { matcher: "/auth*", middlewares: [sameOriginWrites] },
    { matcher: "/admin/uploads", methods: ["POST"], middlewares: [refuseActiveUploads] },
    // --- end admin origin
    // traceability admin API (docs/api/admin-traceability.md)
    { matcher: "/admin/herb-species", methods: ["POST"], middlewares: [validateAndTransformBody(SpeciesCreate)] },
    { matcher: "/admin/herb-species/:id", methods: ["POST"], middlewares: [validateAndTransformBody(SpeciesUpdate)] },
    { matcher: "/admin/herb-pages", methods: ["POST"], middlewares: [validateAndTransformBody(HerbPageCreate)] },
    { matcher: "/admin/herb-pages/:id", methods: ["POST"], middlewares: [validateAndTransformBody(HerbPageUpdate)] },
    { matcher: "/admin/herb-recipes", methods: ["POST"], middlewares: [validateAndTransformBody(HerbRecipeCreate)] },
    { matcher: "/admin/herb-recipes/:id", methods: ["POST"], middlewares: [validateAndTransformBody(HerbRecipeUpdate)] },
    { matcher: "/admin/products/:id/videos", methods: ["POST"], middlewares: [validateAndTransformBody(ProductVideos)] },
    { matcher: "/admin/households", methods: ["POST"], middlewares: [validateAndTransformBody(HouseholdCreate)] },
    { matcher: "/admin/households/:id", methods: ["POST"], middlewares: [validateAndTransformBody(HouseholdUpdate)] },
    { matcher: "/admin/plots", methods: ["POST"], middlewares: [validateAndTransformBody(PlotCreate)] },
    { matcher: "/admin/plots/:id", methods: ["POST"], middlewares: [validateAndTransformBody(PlotUpdate)] },
    { matcher: "/admin/certifications", methods: ["POST"], middlewares: [validateAndTransformBody(CertificationCreate)] },
    { matcher: "/admin/certifications/:id", methods: ["POST"], middlewares: [validateAndTransformBody(CertificationUpdate)] },
    { matcher: "/admin/harvests", methods: ["POST"], middlewares: [validateAndTransformBody(HarvestCreate)] },
    { matcher: "/admin/harvests/:id", methods: ["POST"], middlewares: [validateAndTransformBody(HarvestCorrect)] },
    { matcher: "/admin/harvests/:id/void", methods: ["POST"], middlewares: [validateAndTransformBody(HarvestVoid)] },
    { matcher: "/admin/batches", methods: ["POST"], middlewares: [validateAndTransformBody(BatchCreate)] },
    { matcher: "/admin/batches/:id/release", methods: ["POST"], middlewares: [validateAndTransformBody(BatchRelease)] },
    { matcher: "/admin/batches/:id/hold", methods: ["POST"], middlewares: [validateAndTransformBody(BatchReason)] },
    { matcher: "/admin/batches/:id/recall", methods: ["POST"], middlewares: [validateAndTransformBody(BatchReason)] },
    { matcher: "/admin/batches/:id/units", methods: ["POST"], middlewares: [validateAndTransformBody(IssueUnits)] },
    { matcher: "/admin/orders/:id/packing/scans", methods: ["POST"], middlewares: [validateAndTransformBody(PackScan)] },
    { matcher: "/admin/orders/:id/packing/fulfil", methods: ["POST"], middlewares: [validateAndTransformBody(PackFulfil)] },
    { matcher: "/admin/orders/:id/packing/unpack", methods: ["POST"], middlewares: [validateAndTransformBody(PackUnpack)] },
    { matcher: "/admin/orders/:id/packing/tracking", methods: ["POST"], middlewares: [validateAndTransformBody(PackTracking)] },
    { matcher: "/admin/promptpay/release-unpaid", methods: ["POST"], middlewares: [validateAndTransformBody(UnpaidRelease)] },
    { matcher: "/admin/manual-payments/release-unpaid", methods: ["POST"], middlewares: [validateAndTransformBody(UnpaidRelease)] },
    { matcher: "/admin/label-reports/:id", methods: ["POST"], middlewares: [validateAndTransformBody(LabelReportHandle)] },
    // guessing unknown serials is rate-limited per hashed client IP (docs/decisions/0010-scan-guess-limit.md)
    { matcher: "/store/provenance/:gtin/:lot/:serial", methods: ["GET"], middlewares: [scanGuessLimit] },
    // scans gathered by the storefront, one call per batch (docs/decisions/0011-page-caching-and-scan-batching.md)
    { matcher: "/store/provenance/scans", methods: ["POST"], middlewares: [requireStorefront, validateAndTransformBody(ScanBatch)] },
    // buyers' "suspicious label" reports, sent by the storefront; throttled per IP (docs/decisions/0061-label-reports.md)
    { matcher: "/store/provenance/reports", methods: ["POST"], middlewares: [requireStorefront, validateAndTransformBody(LabelReportBody)] },
    // --- shoppers and accounts (issue 10: items 6, 7; docs/decisions/0024-throttling.md, 0025-order-access.md) ---
    // password guessing: per IP and per account, customers and admin users alike; the password policy
    { matcher: "/auth/:actor_type/:auth_provider", methods: ["POST"], middlewares: [loginThrottle] },
    { matcher: "/auth/:actor_type/:auth_provider/register", methods: ["POST"], middlewares: [registerThrottle] },
    { matcher: "/auth/:actor_type/:auth_provider/reset-password", methods: ["POST"], middlewares: [resetThrottle] },
    { matcher: "/auth/:actor_type/emailpass/register", methods: ["POST"], middlewares: [passwordPolicy] },
    { matcher: "/auth/:actor_type/emailpass/update", methods: ["POST"], middlewares: [passwordPolicy] },
    // an order is read (or returned) by its own customer, or by the storefront with its secret
    { matcher: "/store/orders/:id", methods: ["GET"], middlewares: [authenticate("customer", ["session", "bearer"], { allowUnauthenticated: true }), orderAccess] },
    { matcher: "/store/orders/:id/shipping", methods: ["GET"], middlewares: [authenticate("customer", ["session", "bearer"], { allowUnauthenticated: true }), orderAccess] },
    { matcher: "/store/returns", methods: ["POST"], middlewares: [authenticate("customer", ["session", "bearer"], { allowUnauthenticated: true }), orderAccess] },
    // placed orders per client IP (stock held by one client)
    { matcher: "/store/carts/:id/complete", methods: ["POST"], middlewares: [checkoutThrottle] },
    // the buyer's transfer slip: raw image bytes, read by the route with its own size limit (decision 0054)
    {
      matcher: "/store/orders/:id/transfer-slip",
      methods: ["POST"],
      bodyParser: false,
      middlewares: [authenticate("customer", ["session", "bearer"], { allowUnauthenticated: true }), orderAccess, slipThrottle],
    },
    // e-mail verification (docs/decisions/0053-e-mail-verification.md): its metadata is the shop's; resends throttled
    { matcher: "/store/customers", methods: ["POST"], middlewares: [reservedCustomerMetadata] },
    { matcher: "/store/customers/me", methods: ["POST"], middlewares: [reservedCustomerMetadata] },
    { matcher: "/store/customers/me/email-verification", methods: ["POST"], middlewares: [authenticate("customer", ["session", "bearer"]), verificationResendThrottle] },
    { matcher: "/store/email-verification", methods: ["POST"], middlewares: [validateAndTransformBody(EmailVerify)] },
    // --- end of shoppers and accounts ---
    // --- household money (issue 13; docs/decisions/0035-household-ledger.md, 0036-household-private-data-right.md) ---
    { matcher: "/admin/farm-gate-prices", methods: ["POST"], middlewares: [validateAndTransformBody(FarmGatePriceCreate)] },
    { matcher: "/admin/farm-gate-prices/:id/end", methods: ["POST"], middlewares: [validateAndTransformBody(RuleEnd)] },
    { matcher: "/admin/share-rules", methods: ["POST"], middlewares: [validateAndTransformBody(ShareRuleCreate)] },
    { matcher: "/admin/share-rules/:id/end", methods: ["POST"], middlewares: [validateAndTransformBody(RuleEnd)] },
    // household money: only for admin users with "may see household private data" (the statement JSON masks instead)
    { matcher: "/admin/households/:id/statement.csv", methods: ["GET"], middlewares: [requireHouseholdPrivate] },
    { matcher: "/admin/households/:id/receipts/:payout_id", methods: ["GET"], middlewares: [requireHouseholdPrivate] },
    { matcher: "/admin/households/:id/payments", methods: ["POST"], middlewares: [requireHouseholdPrivate, validateAndTransformBody(HouseholdPayment)] },
    { matcher: "/admin/payout-run", methods: ["GET"], middlewares: [requireHouseholdPrivate] },
    { matcher: "/admin/payout-run", methods: ["POST"], middlewares: [requireHouseholdPrivate, validateAndTransformBody(PayoutRunCreate)] },
    { matcher: "/admin/impact", methods: ["GET"], middlewares: [requireHouseholdPrivate] },
    { matcher: "/admin/orders/:id/household-shares", methods: ["GET", "POST"], middlewares: [requireHouseholdPrivate] },
    { matcher: "/admin/household-access", methods: ["GET"], middlewares: [requireStoreOwner] },
    { matcher: "/admin/household-access/:user_id", methods: ["POST"], middlewares: [requireStoreOwner, validateAndTransformBody(HouseholdAccess)] },
    // masked household private data: one field at a time, logged; the log for the store owner (issue 15, decision 0056)
    { matcher: "/admin/households/:id/reveal", methods: ["POST"], middlewares: [requireHouseholdPrivate, validateAndTransformBody(HouseholdReveal)] },
    { matcher: "/admin/household-reveals", methods: ["GET"], middlewares: [requireStoreOwner] },
    // --- end of household money ---
  ],
})
