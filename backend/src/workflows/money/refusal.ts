import { coreRefusal } from "../../lib/errors"

/**
 * The core's money and ledger refusals as the API's error shape (400 with code, message, message_th); any
 * other error is passed on unchanged. (errorAnswer maps them too; mapping in the step keeps the AppError's type
 * through the workflow engine.)
 */
export function asRefusal(err: unknown): unknown {
  return coreRefusal(err) ?? err
}

/** Runs `fn`, turning the core's money refusals into AppErrors. */
export async function refusing<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (err) {
    throw asRefusal(err)
  }
}
