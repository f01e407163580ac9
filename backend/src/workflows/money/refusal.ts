import { LedgerError, MoneyError } from "@mae-mok/traceability"
import { notAllowed } from "../../lib/errors"

/**
 * The core's money and ledger refusals as the API's error shape (400 with code, message, message_th); any
 * other error is passed on unchanged.
 */
export function asRefusal(err: unknown): unknown {
  if (err instanceof LedgerError || err instanceof MoneyError) {
    return notAllowed({ code: err.code, message: err.message_en, message_th: err.message_th })
  }
  return err
}

/** Runs `fn`, turning the core's money refusals into AppErrors. */
export async function refusing<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (err) {
    throw asRefusal(err)
  }
}
