/**
 * The group's bank account for transfers, from the same settings the backend mails (BANK_NAME, BANK_ACCOUNT_NAME,
 * BANK_ACCOUNT_NUMBER; the launcher gives every process one environment). Meant for buyers: shown on the order
 * confirmation to those paying by transfer. Null until all three are set.
 */
export type BankTransferDetails = { bankName: string; accountName: string; accountNumber: string }

export function bankTransferDetails(env: NodeJS.ProcessEnv = process.env): BankTransferDetails | null {
  const bankName = env.BANK_NAME?.trim()
  const accountName = env.BANK_ACCOUNT_NAME?.trim()
  const accountNumber = env.BANK_ACCOUNT_NUMBER?.trim()
  return bankName && accountName && accountNumber ? { bankName, accountName, accountNumber } : null
}
