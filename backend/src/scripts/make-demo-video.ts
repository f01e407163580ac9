/**
 * Makes the seed's demo product video (issue 16) with Chromium's own encoder: a 6-second 320×180 VP8 WebM drawn
 * on a canvas with the Thai font, and its poster (PNG). Run once by a developer; the output is committed in
 * src/lib/seed/videos (≈ 100 KB) so the seed needs neither ffmpeg nor a browser:
 *   node --import tsx src/scripts/make-demo-video.ts
 */
import fs from "node:fs"
import path from "node:path"
import { chromiumPath } from "../lib/pdf/html-to-pdf"
import { thaiFontCss } from "../lib/pdf/thai-font"

const OUT = path.join(__dirname, "../lib/seed/videos")

const PAGE = `<!doctype html><html><head><style>${thaiFontCss()}</style></head><body>
<canvas id="c" width="320" height="180"></canvas>
<script>
async function record() {
  await document.fonts.load('700 22px Sarabun', 'น้ำมันนวดสมุนไพรหมอกไพร');
  await document.fonts.load('400 14px Sarabun', 'เถาเอ็นอ่อน Mok Prai');
  await document.fonts.load('700 20px Sarabun', 'Mok Prai');
  const c = document.getElementById('c'), g = c.getContext('2d');
  const scenes = [
    ['น้ำมันนวดสมุนไพรหมอกไพร', 'Mok Prai herbal massage oil'],
    ['เถาเอ็นอ่อน · เพชรสังฆาต · ผักเสี้ยนผี', 'Three herbs from certified plots'],
    ['สแกน QR ดูที่มาได้ทุกขวด', 'Scan the QR on every bottle'],
  ];
  function draw(t) {
    const i = Math.min(2, Math.floor(t / 2000)), k = (t % 2000) / 2000;
    g.fillStyle = '#2f5d2a'; g.fillRect(0, 0, 320, 180);
    g.fillStyle = '#b88a2a'; g.beginPath(); g.arc(40 + 240 * k, 150, 10, 0, 7); g.fill();
    g.fillStyle = '#fff'; g.textAlign = 'center';
    g.font = '700 20px Sarabun'; g.fillText(scenes[i][0], 160, 80);
    g.font = '400 14px Sarabun'; g.fillText(scenes[i][1], 160, 108);
  }
  draw(0);
  const poster = c.toDataURL('image/png');
  const rec = new MediaRecorder(c.captureStream(15), { mimeType: 'video/webm;codecs=vp8', videoBitsPerSecond: 150000 });
  const parts = [];
  rec.ondataavailable = (e) => parts.push(e.data);
  const done = new Promise((r) => (rec.onstop = r));
  const start = performance.now();
  rec.start();
  await new Promise((resolve) => {
    function frame() {
      const t = performance.now() - start;
      draw(t);
      if (t < 6000) requestAnimationFrame(frame); else resolve();
    }
    frame();
  });
  rec.stop();
  await done;
  const bytes = new Uint8Array(await new Blob(parts, { type: 'video/webm' }).arrayBuffer());
  let bin = ''; for (const b of bytes) bin += String.fromCharCode(b);
  return { poster, video: btoa(bin) };
}
</script></body></html>`

async function main() {
  const { chromium } = await import("playwright-core")
  const browser = await chromium.launch({ executablePath: chromiumPath() ?? undefined, args: ["--no-sandbox", "--disable-gpu"] })
  try {
    const page = await browser.newPage()
    await page.setContent(PAGE)
    const { poster, video } = await page.evaluate("record()") as { poster: string; video: string }
    fs.writeFileSync(path.join(OUT, "mok-prai-oil.webm"), Buffer.from(video, "base64"))
    fs.writeFileSync(path.join(OUT, "mok-prai-oil-poster.png"), Buffer.from(poster.split(",")[1]!, "base64"))
    console.log(`wrote ${OUT}`)
  } finally {
    await browser.close()
  }
}

void main()
