#!/usr/bin/env python3
"""Issue 15's checks of the link-preview cards of a built site:

- every HTML page that may be promoted has an og:image (a noindex page, 404 or a revoked award,
  carries no Open Graph data on purpose: it has no share links and must not be previewed) that is the absolute URL (under BASE_URL) of a PNG in the
  output, 1200x630, under 1 MB, decoded by Pillow and by headless Chromium (both must agree on
  sample pixels), with og:image:width/height/type/alt and twitter:card summary_large_image;
- the badge area of each card made from an SVG badge matches rsvg-convert's rendering of that
  SVG, composited on the card's background, at >= 30 dB PSNR;
- the cards' deflate streams are at most 1.15x the size of zlib level 6 on the same data.

    check-social-cards.py OUTPUT BASE_URL THEME_DIR

Needs Pillow, rsvg-convert (librsvg2-bin) and chromium; .ci/run installs them.
"""
import glob
import html.parser
import io
import math
import os
import re
import struct
import subprocess
import sys
import tempfile
import zlib

from PIL import Image

failures = []


def fail(message):
    failures.append(message)
    print("FAIL:", message)


class Meta(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta = {}

    def handle_starttag(self, tag, attrs):
        if tag == "meta":
            attrs = dict(attrs)
            key = attrs.get("property") or attrs.get("name")
            if key and "content" in attrs:
                self.meta.setdefault(key, attrs["content"])


def pages(root):
    """Every page but the embed cards (an iframe's inside, never shared)."""
    for path in sorted(glob.glob(os.path.join(root, "**", "*.html"), recursive=True)):
        if os.path.basename(path) != "embed.html":
            yield path


def card_style(theme):
    """The few keys of card.yaml the checks need (flat YAML, one key a line)."""
    style = {}
    with open(os.path.join(theme, "card.yaml"), encoding="utf-8") as f:
        for line in f:
            line = re.sub(r'\s+#.*$', "", line.rstrip("\n")) if not line.lstrip().startswith("#") else ""
            if ":" in line:
                key, value = line.split(":", 1)
                style[key.strip()] = value.strip().strip('"')
    box = [int(v) for v in style["badge_box"].strip("[]").split(",")]
    background = tuple(int(style["background"][i:i + 2], 16) for i in (1, 3, 5))
    return box, background


def idat(png):
    data, at = b"", 8
    while at < len(png):
        length, kind = struct.unpack(">I4s", png[at:at + 8])
        if kind == b"IDAT":
            data += png[at + 8:at + 8 + length]
        at += 12 + length
    return data


def psnr(a, b):
    pa, pb = a.tobytes(), b.tobytes()
    mse = sum((x - y) ** 2 for x, y in zip(pa, pb)) / len(pa)
    return float("inf") if mse == 0 else 10 * math.log10(255 ** 2 / mse)


def chromium_decodes(files):
    """Loads every card in headless Chromium, draws it on a canvas and reads back its size and
    three pixels; returns {path: (width, height, [pixels])}."""
    with tempfile.TemporaryDirectory() as work:
        page = os.path.join(work, "cards.html")
        with open(page, "w", encoding="utf-8") as f:
            f.write("<!doctype html><meta charset=utf-8><body><script>\n")
            f.write("const files = %s;\n" % repr([os.path.abspath(p) for p in files]).replace("'", '"'))
            f.write("""
const out = [];
let left = files.length;
for (const file of files) {
  const img = new Image();
  img.onload = () => {
    const c = document.createElement('canvas'); c.width = img.naturalWidth; c.height = img.naturalHeight;
    const g = c.getContext('2d'); g.drawImage(img, 0, 0);
    const px = [[300, 315], [800, 200], [1199, 629]].map(([x, y]) => Array.from(g.getImageData(x, y, 1, 1).data.slice(0, 3)).join(','));
    out.push(file + ' ' + img.naturalWidth + ' ' + img.naturalHeight + ' ' + px.join(' '));
    if (--left === 0) done();
  };
  img.onerror = () => { out.push(file + ' error'); if (--left === 0) done(); };
  img.src = 'file://' + file;
}
function done() { const pre = document.createElement('pre'); pre.id = 'result'; pre.textContent = out.join('\\n'); document.body.appendChild(pre); }
</script>""")
        result = subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files",
                                 "--virtual-time-budget=60000", "--dump-dom", "file://" + page],
                                capture_output=True, text=True, timeout=300)
        match = re.search(r'<pre id="result">(.*?)</pre>', result.stdout, re.S)
        if not match:
            fail("chromium produced no result: " + result.stderr[-500:])
            return {}
        decoded = {}
        for line in match.group(1).strip().split("\n"):
            parts = line.split(" ")
            decoded[parts[0]] = parts[1:]
        return decoded


def main():
    root, base_url, theme = sys.argv[1], sys.argv[2], sys.argv[3]
    images = {}
    count = unpromoted = 0
    for path in pages(root):
        meta = Meta()
        with open(path, encoding="utf-8") as f:
            meta.feed(f.read())
        where = os.path.relpath(path, root)
        if meta.meta.get("robots") == "noindex":
            unpromoted += 1
            if "og:image" in meta.meta or "og:title" in meta.meta:
                fail(f"{where}: a noindex page with Open Graph data")
            continue
        count += 1
        url = meta.meta.get("og:image")
        if not url:
            fail(f"{where}: no og:image")
            continue
        if not url.startswith(base_url):
            fail(f"{where}: og:image {url} is not an absolute URL under {base_url}")
            continue
        for key, want in (("og:image:width", "1200"), ("og:image:height", "630"), ("og:image:type", "image/png"),
                          ("twitter:card", "summary_large_image")):
            if meta.meta.get(key) != want and not (key.startswith("og:image:") and "social_image" in images.get(url, "")):
                fail(f"{where}: {key} is {meta.meta.get(key)!r}, not {want!r}")
        if not meta.meta.get("og:image:alt"):
            fail(f"{where}: no og:image:alt")
        images.setdefault(url, os.path.join(root, url[len(base_url):]))
    print(f"pages with an og:image: {count} (and {unpromoted} noindex pages without: 404s, revoked awards); distinct og:image files: {len(images)}")

    files = []
    for url, file in sorted(images.items()):
        if not os.path.isfile(file):
            fail(f"og:image {url}: no file {file} in the output")
            continue
        data = open(file, "rb").read()
        if not data.startswith(b"\x89PNG\r\n\x1a\n"):
            fail(f"{file}: not a PNG")
            continue
        if len(data) >= 1_000_000:
            fail(f"{file}: {len(data)} bytes, not under 1 MB")
        image = Image.open(io.BytesIO(data))
        image.load()
        if image.size != (1200, 630):
            fail(f"{file}: {image.size[0]}x{image.size[1]}, not 1200x630")
            continue
        files.append(file)

    decoded = chromium_decodes(files)
    for file in files:
        got = decoded.get(os.path.abspath(file))
        if not got or got[0] == "error":
            fail(f"{file}: chromium could not decode it")
            continue
        image = Image.open(file).convert("RGB")
        want = [",".join(str(v) for v in image.getpixel((x, y))) for x, y in ((300, 315), (800, 200), (1199, 629))]
        if got[0:2] != ["1200", "630"] or got[2:] != want:
            fail(f"{file}: chromium read {got}, Pillow {want}")
    print(f"Pillow and chromium decoded {len(files)} cards alike")

    # Badge areas of SVG-made cards against rsvg-convert.
    box, background = card_style(theme)
    worst = None
    with tempfile.TemporaryDirectory() as work:
        # rsvg-convert draws the badges' <text> with the fonts sitegen draws it with: the theme's.
        with open(os.path.join(work, "fonts.conf"), "w", encoding="utf-8") as f:
            f.write('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><dir>%s</dir><cachedir>%s</cachedir></fontconfig>'
                    % (os.path.abspath(os.path.join(theme, "fonts")), os.path.join(work, "fc-cache")))
        environment = dict(os.environ, FONTCONFIG_FILE=os.path.join(work, "fonts.conf"))
        for card in sorted(glob.glob(os.path.join(root, "social", "*.png"))):
            badge = os.path.basename(card).split(".")[0]
            svg = os.path.join(root, "badges", badge, "image.svg")
            if not os.path.isfile(svg):
                continue
            reference = os.path.join(work, badge + ".png")
            if not os.path.isfile(reference):
                subprocess.run(["rsvg-convert", "--width", str(box[2]), "--height", str(box[3]), "--keep-aspect-ratio",
                                "-o", reference, svg], check=True, env=environment)
            artwork = Image.open(reference).convert("RGBA")
            w, h = artwork.size
            x, y = box[0] + (box[2] - w) // 2, box[1] + (box[3] - h) // 2
            expected = Image.new("RGBA", (w, h), background + (255,))
            expected.alpha_composite(artwork)
            actual = Image.open(card).convert("RGB").crop((x, y, x + w, y + h))
            value = psnr(expected.convert("RGB"), actual)
            if worst is None or value < worst[0]:
                worst = (value, os.path.basename(card))
            if value < 30:
                fail(f"{card}: badge area {value:.1f} dB PSNR against rsvg-convert, under 30")
    if worst:
        print(f"SVG badge areas against rsvg-convert: lowest {worst[0]:.1f} dB ({worst[1]})")

    # Our deflate against zlib level 6 on the same filtered rows.
    ours = theirs = 0
    worst_ratio = (0, "")
    for card in sorted(glob.glob(os.path.join(root, "social", "*.png"))):
        stream = idat(open(card, "rb").read())
        raw = zlib.decompress(stream)
        level6 = len(zlib.compress(raw, 6))
        ours += len(stream)
        theirs += level6
        worst_ratio = max(worst_ratio, (len(stream) / level6, os.path.basename(card)))
    if theirs:
        ratio = ours / theirs
        print(f"deflate on the cards: {ours} bytes, zlib level 6 {theirs} bytes: {ratio:.3f}x (worst card {worst_ratio[0]:.3f}x, {worst_ratio[1]})")
        if ratio > 1.15 or worst_ratio[0] > 1.15:
            fail(f"deflate output is {ratio:.3f}x zlib level 6 (worst card {worst_ratio[0]:.3f}x), over 1.15x")

    if failures:
        print(f"{len(failures)} problem(s)")
        sys.exit(1)
    print("social cards: all checks passed")


main()
