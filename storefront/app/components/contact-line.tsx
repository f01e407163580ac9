import type { Translate } from "~/i18n"

export type ShopContact = { phone: string; phoneHref: string; email: string; lineId: string; lineHref: string }

/** The group's phone, LINE and e-mail (settings SHOP_CONTACT_PHONE, SHOP_LINE_ID, SHOP_CONTACT_EMAIL). */
export function ContactLine({ contact, t }: { contact: ShopContact; t: Translate }) {
  return (
    <p className="footer-contact" data-testid="footer-contact">
      {t("footer.contact")}
      <br />
      {t("footer.phone")} <a href={contact.phoneHref}>{contact.phone}</a> · <a href={contact.lineHref}>LINE {contact.lineId}</a> ·{" "}
      <a href={`mailto:${contact.email}`}>{contact.email}</a>
    </p>
  )
}
