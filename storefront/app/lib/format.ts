/** Baht with the ฿ sign, as Thai shoppers read prices: ฿1,290 (no decimals unless there are satang). */
export function formatBaht(amount: number): string {
  const hasSatang = Math.round(amount * 100) % 100 !== 0
  return (
    "฿" +
    amount.toLocaleString("th-TH", {
      minimumFractionDigits: hasSatang ? 2 : 0,
      maximumFractionDigits: 2,
    })
  )
}
