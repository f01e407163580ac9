/** Runs `job` over `items` with at most `inFlight` at a time; answers in the items' order. */
export async function pool<T, R>(items: T[], inFlight: number, job: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length)
  let next = 0
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      for (let i = next++; i < items.length; i = next++) out[i] = await job(items[i]!, i)
    })
  )
  return out
}
