import type { Page } from "playwright-core"
import type { FakeStripe } from "../support/fake-stripe"

/**
 * Stripe.js faked at the network edge for one page: js.stripe.com answers with a small stand-in for the parts
 * @stripe/react-stripe-js uses (elements, a Payment Element that mounts a js.stripe.com frame, confirmPayment
 * calling api.stripe.com), and api.stripe.com is answered by the fake Stripe API the backend talks to. The
 * browser still applies the shop's Content-Security-Policy to every one of these requests.
 * `card()` is what the shopper typed into the element (a Stripe test payment method: pm_card_visa,
 * pm_card_chargeDeclined …), read at each confirmation. confirmPayment answers as Stripe.js does: Stripe's
 * error for a refused confirmation (a decline, an intent already paid), else the PaymentIntent; one still in
 * requires_action is the shopper closing the PromptPay QR / authentication dialog without finishing it.
 */
export async function fakeStripeJs(page: Page, stripe: FakeStripe, card: () => string = () => "pm_card_visa"): Promise<string[]> {
  const requests: string[] = []
  await page.route(/^https:\/\/js\.stripe\.com\//, (route) => {
    const url = route.request().url()
    requests.push(url)
    if (/\/stripe\.js(\?|$)|\/v3\/?(\?|$)/.test(url)) return route.fulfill({ contentType: "text/javascript", body: STRIPE_JS })
    return route.fulfill({ contentType: "text/html", body: "<!DOCTYPE html><title>payment</title><p>4242 4242 4242 4242</p>" })
  })
  await page.route(/^https:\/\/api\.stripe\.com\/v1\/payment_intents\/([^/]+)\/confirm$/, async (route) => {
    requests.push(route.request().url())
    const id = /payment_intents\/([^/]+)\/confirm/.exec(route.request().url())![1]!
    const { status, body } = await stripe.confirm(id, card())
    return route.fulfill({ status, contentType: "application/json", body: JSON.stringify(body), headers: { "access-control-allow-origin": "*" } })
  })
  return requests
}

const STRIPE_JS = `
(function () {
  function Stripe(key) {
    var clientSecret = null
    function element() {
      var frame = null
      var handlers = {}
      return {
        mount: function (target) {
          var node = typeof target === "string" ? document.querySelector(target) : target
          frame = document.createElement("iframe")
          frame.src = "https://js.stripe.com/v3/elements-inner-payment.html"
          frame.title = "Secure payment input frame"
          frame.setAttribute("data-testid", "stripe-payment-element")
          node.appendChild(frame)
          setTimeout(function () { (handlers.ready || []).forEach(function (h) { h({ elementType: "payment" }) }) }, 0)
        },
        on: function (name, handler) { (handlers[name] = handlers[name] || []).push(handler) },
        off: function (name, handler) { handlers[name] = (handlers[name] || []).filter(function (h) { return h !== handler }) },
        update: function () {},
        unmount: function () { if (frame) frame.remove() },
        destroy: function () { if (frame) frame.remove() },
      }
    }
    var stripe = {
      elements: function (options) {
        clientSecret = options && options.clientSecret
        var created = null
        return {
          create: function () { created = element(); return created },
          getElement: function () { return created },
          update: function () {},
          fetchUpdates: function () { return Promise.resolve({}) },
        }
      },
      confirmPayment: function () {
        var id = String(clientSecret).split("_secret_")[0]
        return fetch("https://api.stripe.com/v1/payment_intents/" + id + "/confirm", {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", authorization: "Bearer " + key },
          body: "client_secret=" + encodeURIComponent(clientSecret),
        }).then(function (res) { return res.json() }).then(function (body) {
          return body.error ? { error: body.error } : { paymentIntent: body }
        })
      },
      createToken: function () {},
      createPaymentMethod: function () {},
      confirmCardPayment: function () {},
    }
    return stripe
  }
  // The release train @stripe/stripe-js 10 expects (it warns about any other).
  Stripe.version = "endive"
  window.Stripe = Stripe
})()
`
