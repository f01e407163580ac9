/**
 * Shapes that cross from the backend's store API to the storefront, declared once for both (issue 11 item 2).
 * Types only: the backend writes them (modules/promptpay, api/store/provenance/scans), the storefront reads them.
 */
import type { ScanVerdict } from "./scan-verdict";

/** What a native PromptPay payment session (and later the payment) keeps; the storefront shows the QR from it. */
export type PromptPaySessionData = {
  promptpay_amount: number;
  currency_code: "thb";
  promptpay_id_masked: string;
  payload: string;
  qr_data_url: string;
  status: "awaiting_payment" | "confirmed" | "cancelled";
  confirmed_at?: string;
  cancelled_at?: string;
};

/**
 * One result of POST /store/provenance/scans: what GET /store/provenance/:gtin/:lot/:serial would have answered
 * for that scan, its HTTP status beside the body (a refusal is `{ type, code, message, message_th }` plus `part`
 * for a malformed link, `scan` for an unknown serial, `retry_after_seconds` for the guess limit).
 */
export type ScanAnswer =
  | { status: 200; scan: ScanVerdict }
  | {
      status: number;
      type: string;
      code: string;
      message: string;
      message_th?: string;
      part?: string;
      scan?: ScanVerdict;
      retry_after_seconds?: number;
    };
