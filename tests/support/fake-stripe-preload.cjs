/**
 * Test-only preload (NODE_OPTIONS=--require) for the Medusa child process: points the Stripe SDK that
 * @medusajs/payment-stripe uses at the fake Stripe server in FAKE_STRIPE_URL instead of api.stripe.com.
 * Production code is untouched; see docs/decisions (offline Stripe tests).
 */
const path = require("node:path")

const target = new URL(process.env.FAKE_STRIPE_URL)
const providerDir = path.dirname(require.resolve("@medusajs/payment-stripe/package.json", { paths: [process.cwd(), __dirname] }))
const Stripe = require(require.resolve("stripe", { paths: [providerDir] }))
const getProps = Stripe.prototype._getPropsFromConfig
Stripe.prototype._getPropsFromConfig = function (config) {
  return {
    ...getProps.call(this, config),
    host: target.hostname,
    port: target.port,
    protocol: target.protocol.replace(":", ""),
    maxNetworkRetries: 0,
  }
}
