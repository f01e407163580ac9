import type { Translate } from "~/i18n"

/**
 * Plain share links for LINE and Facebook: ordinary <a> elements to their share pages, no third-party script
 * or button on our page (nothing loads from them until the visitor clicks).
 */
export function shareHrefs(url: string): { line: string; facebook: string } {
  return {
    line: `https://social-plugins.line.me/lineit/share?url=${encodeURIComponent(url)}`,
    facebook: `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(url)}`,
  }
}

export function ShareLinks({ url, t }: { url: string; t: Translate }) {
  const hrefs = shareHrefs(url)
  return (
    <nav className="share-links" aria-label={t("herb.share")}>
      <a href={hrefs.line} rel="noopener noreferrer" target="_blank" data-share="line">
        {t("herb.shareLine")}
      </a>{" "}
      <a href={hrefs.facebook} rel="noopener noreferrer" target="_blank" data-share="facebook">
        {t("herb.shareFacebook")}
      </a>
    </nav>
  )
}
