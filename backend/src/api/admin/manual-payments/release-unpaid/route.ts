import { releaseUnpaidRoute } from "../../release-unpaid"

/** POST /admin/manual-payments/release-unpaid — bank-transfer / cash-on-delivery orders unconfirmed longer than MANUAL_PAYMENT_UNPAID_TTL_MINUTES. */
export const POST = releaseUnpaidRoute("manual")
