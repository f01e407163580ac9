import { releaseUnpaidRoute } from "../../release-unpaid"

/** POST /admin/promptpay/release-unpaid — native PromptPay orders unconfirmed longer than PROMPTPAY_UNPAID_TTL_MINUTES. */
export const POST = releaseUnpaidRoute("promptpay")
