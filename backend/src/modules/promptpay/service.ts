import crypto from "node:crypto"
import type {
  AuthorizePaymentInput,
  AuthorizePaymentOutput,
  CancelPaymentInput,
  CancelPaymentOutput,
  CapturePaymentInput,
  CapturePaymentOutput,
  DeletePaymentInput,
  DeletePaymentOutput,
  GetPaymentStatusInput,
  GetPaymentStatusOutput,
  InitiatePaymentInput,
  InitiatePaymentOutput,
  ProviderWebhookPayload,
  RefundPaymentInput,
  RefundPaymentOutput,
  RetrievePaymentInput,
  RetrievePaymentOutput,
  UpdatePaymentInput,
  UpdatePaymentOutput,
  WebhookActionResult,
} from "@medusajs/framework/types"
import {
  AbstractPaymentProvider,
  MathBN,
  MedusaError,
  PaymentActions,
  PaymentSessionStatus,
} from "@medusajs/framework/utils"
import type { PromptPaySessionData } from "@mae-mok/traceability"
import { maskedPromptPayId, parsePromptPayId, promptPayPayload, promptPayQrDataUrl, type PromptPayId } from "./payload"

export type PromptPayOptions = { promptpayId: string }

export type { PromptPaySessionData }

/**
 * Native PromptPay for groups without a card processor. The customer scans a QR for the exact total
 * and pays from any Thai banking app; nothing tells the shop automatically, so placing the order
 * authorizes the payment ("awaiting payment") and a group member who sees the money arrive captures
 * it in the admin, or cancels the order. See docs/decisions (native PromptPay).
 */
export default class PromptPayProviderService extends AbstractPaymentProvider<PromptPayOptions> {
  static override identifier = "promptpay"

  private readonly id: PromptPayId

  static override validateOptions(options: Record<string, unknown>): void {
    if (typeof options.promptpayId !== "string" || !parsePromptPayId(options.promptpayId)) {
      throw new MedusaError(
        MedusaError.Types.INVALID_ARGUMENT,
        "The PromptPay provider needs promptpayId: a mobile number, 13-digit tax ID or 15-digit e-wallet ID"
      )
    }
  }

  constructor(cradle: Record<string, unknown>, options: PromptPayOptions) {
    super(cradle, options)
    this.id = parsePromptPayId(options.promptpayId)!
  }

  private async sessionData(amount: InitiatePaymentInput["amount"], currencyCode: string): Promise<PromptPaySessionData> {
    if (currencyCode.toLowerCase() !== "thb") {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `PromptPay takes Thai baht only, not ${currencyCode.toUpperCase()}`)
    }
    const baht = Number(MathBN.convert(amount).toFixed(2))
    const payload = promptPayPayload(this.id, baht)
    const qrDataUrl = await promptPayQrDataUrl(payload)
    return {
      promptpay_amount: baht,
      currency_code: "thb",
      promptpay_id_masked: maskedPromptPayId(this.id),
      payload,
      qr_data_url: qrDataUrl,
      status: "awaiting_payment",
    }
  }

  async initiatePayment({ amount, currency_code }: InitiatePaymentInput): Promise<InitiatePaymentOutput> {
    const data = await this.sessionData(amount, currency_code)
    return { id: `promptpay_${crypto.randomUUID()}`, status: PaymentSessionStatus.PENDING, data }
  }

  async updatePayment({ amount, currency_code, data }: UpdatePaymentInput): Promise<UpdatePaymentOutput> {
    const current = data as Partial<PromptPaySessionData> | undefined
    if (current?.payload && MathBN.eq(amount, current.promptpay_amount ?? -1)) {
      return { status: PaymentSessionStatus.PENDING, data: current }
    }
    // The cart total changed: the QR must carry the new exact amount.
    return { status: PaymentSessionStatus.PENDING, data: await this.sessionData(amount, currency_code) }
  }

  /** Placing the order reserves the stock; the money is checked by a person. */
  async authorizePayment({ data }: AuthorizePaymentInput): Promise<AuthorizePaymentOutput> {
    return { status: PaymentSessionStatus.AUTHORIZED, data: { ...data, status: "awaiting_payment" } }
  }

  /** A group member saw the transfer arrive and confirmed it in the admin. */
  async capturePayment({ data }: CapturePaymentInput): Promise<CapturePaymentOutput> {
    return { data: { ...data, status: "confirmed", confirmed_at: new Date().toISOString() } }
  }

  async cancelPayment({ data }: CancelPaymentInput): Promise<CancelPaymentOutput> {
    return { data: { ...data, status: "cancelled", cancelled_at: new Date().toISOString() } }
  }

  async deletePayment({ data }: DeletePaymentInput): Promise<DeletePaymentOutput> {
    return { data }
  }

  /** Refunds are transfers the group makes back by hand; Medusa records the amount. */
  async refundPayment({ data }: RefundPaymentInput): Promise<RefundPaymentOutput> {
    return { data }
  }

  async retrievePayment({ data }: RetrievePaymentInput): Promise<RetrievePaymentOutput> {
    return { data }
  }

  async getPaymentStatus({ data }: GetPaymentStatusInput): Promise<GetPaymentStatusOutput> {
    const status = (data as Partial<PromptPaySessionData> | undefined)?.status
    if (status === "confirmed") return { status: PaymentSessionStatus.CAPTURED, data }
    if (status === "cancelled") return { status: PaymentSessionStatus.CANCELED, data }
    return { status: PaymentSessionStatus.PENDING, data }
  }

  /** PromptPay sends no notifications; confirmation happens in the admin. */
  async getWebhookActionAndData(_payload: ProviderWebhookPayload["payload"]): Promise<WebhookActionResult> {
    return { action: PaymentActions.NOT_SUPPORTED }
  }
}
