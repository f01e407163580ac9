/**
 * Mail work of this process, one piece at a time. Order events come in bursts (a sale, a market day); each mail
 * reads the order and inventory and writes notifications, and run side by side they took the database and the
 * event loop from the checkouts still under way (50 concurrent checkouts saw Medusa's inventory lock time out,
 * hardening-stock-race.test.ts). Mail may wait; checkouts may not.
 */
let tail: Promise<unknown> = Promise.resolve()

export function inMailQueue<T>(work: () => Promise<T>): Promise<T> {
  const run = tail.then(work, work)
  tail = run.catch(() => undefined)
  return run
}
