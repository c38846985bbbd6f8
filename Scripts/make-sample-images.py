#!/usr/bin/env python3
"""Regenerate the PNG images of the sample site in Content/images/.

Standard library only. The output is byte-for-byte the same on every run and on
every machine: the deflate stream is produced here (fixed Huffman codes, run-length
matches) rather than by zlib.compress, whose bytes differ between zlib builds
(zlib, zlib-ng). zlib is used only for its checksums and, with --check, to prove that
the files decode.

Usage: python3 Scripts/make-sample-images.py [--check]
"""

import os
import struct
import sys
import zlib

IMAGES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Content", "images")

# 5x7 pixel font: seven rows of five bits per glyph, top row first.
FONT = {
    "A": "01110 10001 10001 11111 10001 10001 10001",
    "B": "11110 10001 10001 11110 10001 10001 11110",
    "C": "01110 10001 10000 10000 10000 10001 01110",
    "D": "11110 10001 10001 10001 10001 10001 11110",
    "E": "11111 10000 10000 11110 10000 10000 11111",
    "F": "11111 10000 10000 11110 10000 10000 10000",
    "G": "01110 10001 10000 10111 10001 10001 01111",
    "H": "10001 10001 10001 11111 10001 10001 10001",
    "I": "01110 00100 00100 00100 00100 00100 01110",
    "J": "00111 00010 00010 00010 00010 10010 01100",
    "K": "10001 10010 10100 11000 10100 10010 10001",
    "L": "10000 10000 10000 10000 10000 10000 11111",
    "M": "10001 11011 10101 10101 10001 10001 10001",
    "N": "10001 10001 11001 10101 10011 10001 10001",
    "O": "01110 10001 10001 10001 10001 10001 01110",
    "P": "11110 10001 10001 11110 10000 10000 10000",
    "Q": "01110 10001 10001 10001 10101 10010 01101",
    "R": "11110 10001 10001 11110 10100 10010 10001",
    "S": "01111 10000 10000 01110 00001 00001 11110",
    "T": "11111 00100 00100 00100 00100 00100 00100",
    "U": "10001 10001 10001 10001 10001 10001 01110",
    "V": "10001 10001 10001 10001 10001 01010 00100",
    "W": "10001 10001 10001 10101 10101 10101 01010",
    "X": "10001 10001 01010 00100 01010 10001 10001",
    "Y": "10001 10001 10001 01010 00100 00100 00100",
    "Z": "11111 00001 00010 00100 01000 10000 11111",
    "0": "01110 10001 10011 10101 11001 10001 01110",
    "1": "00100 01100 00100 00100 00100 00100 01110",
    "2": "01110 10001 00001 00010 00100 01000 11111",
    "3": "11111 00010 00100 00010 00001 10001 01110",
    "4": "00010 00110 01010 10010 11111 00010 00010",
    "5": "11111 10000 11110 00001 00001 10001 01110",
    "6": "00110 01000 10000 11110 10001 10001 01110",
    "7": "11111 00001 00010 00100 01000 01000 01000",
    "8": "01110 10001 10001 01110 10001 10001 01110",
    "9": "01110 10001 10001 01111 00001 00010 01100",
    "-": "00000 00000 00000 11111 00000 00000 00000",
    ".": "00000 00000 00000 00000 00000 01100 01100",
    " ": "00000 00000 00000 00000 00000 00000 00000",
}


def hex_color(text, alpha=255):
    text = text.lstrip("#")
    return (int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16), alpha)


class Canvas:
    """Straight-alpha RGBA pixels; shapes are drawn from signed distance functions,
    which gives one pixel of antialiasing on every curved or slanted edge."""

    def __init__(self, width, height, background=(0, 0, 0, 0)):
        self.width = width
        self.height = height
        self.pixels = bytearray(bytes(background) * (width * height))

    def blend(self, x, y, color, coverage):
        alpha = color[3] / 255.0 * coverage
        if alpha <= 0.0:
            return
        i = (y * self.width + x) * 4
        px = self.pixels
        dst_alpha = px[i + 3] / 255.0
        out_alpha = alpha + dst_alpha * (1.0 - alpha)
        for c in range(3):
            value = (color[c] * alpha + px[i + c] * dst_alpha * (1.0 - alpha)) / out_alpha
            px[i + c] = int(value + 0.5)
        px[i + 3] = int(out_alpha * 255.0 + 0.5)

    def fill(self, distance, bounds, color):
        x0, y0, x1, y1 = bounds
        x0, y0 = max(0, int(x0) - 1), max(0, int(y0) - 1)
        x1, y1 = min(self.width, int(x1) + 2), min(self.height, int(y1) + 2)
        for y in range(y0, y1):
            for x in range(x0, x1):
                d = distance(x + 0.5, y + 0.5)
                coverage = 0.5 - d
                if coverage > 0.0:
                    self.blend(x, y, color, min(coverage, 1.0))

    def rect(self, x0, y0, x1, y1, color):
        for y in range(max(0, y0), min(self.height, y1)):
            for x in range(max(0, x0), min(self.width, x1)):
                self.blend(x, y, color, 1.0)

    def text(self, label, center_x, center_y, scale, color):
        width = (6 * len(label) - 1) * scale
        left = int(round(center_x - width / 2.0))
        top = int(round(center_y - 7 * scale / 2.0))
        for n, char in enumerate(label):
            rows = FONT[char].split()
            for row, bits in enumerate(rows):
                for col, bit in enumerate(bits):
                    if bit == "1":
                        x = left + (6 * n + col) * scale
                        y = top + row * scale
                        self.rect(x, y, x + scale, y + scale, color)

    def rgb_rows(self):
        return [
            bytes(
                b
                for i in range(y * self.width * 4, (y + 1) * self.width * 4, 4)
                for b in self.pixels[i : i + 3]
            )
            for y in range(self.height)
        ]

    def rgba_rows(self):
        stride = self.width * 4
        return [bytes(self.pixels[y * stride : (y + 1) * stride]) for y in range(self.height)]


# --- shapes as signed distances (negative inside) --------------------------------

def circle(cx, cy, r, inset=0.0):
    def distance(x, y):
        return ((x - cx) ** 2 + (y - cy) ** 2) ** 0.5 - r + inset
    return distance, (cx - r, cy - r, cx + r, cy + r)


def polygon(points, inset=0.0):
    """Convex polygon, points in clockwise screen order (y down)."""
    edges = []
    for i, (ax, ay) in enumerate(points):
        bx, by = points[(i + 1) % len(points)]
        ex, ey = bx - ax, by - ay
        length = (ex * ex + ey * ey) ** 0.5
        edges.append((ax, ay, ey / length, -ex / length))

    def distance(x, y):
        return max((x - ax) * nx + (y - ay) * ny for ax, ay, nx, ny in edges) + inset

    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return distance, (min(xs), min(ys), max(xs), max(ys))


def regular(cx, cy, r, sides, rotation_deg):
    import math
    return [
        (cx + r * math.cos(math.radians(rotation_deg + 360.0 * k / sides)),
         cy + r * math.sin(math.radians(rotation_deg + 360.0 * k / sides)))
        for k in range(sides)
    ]


def rounded_square(x0, y0, x1, y1, radius, inset=0.0):
    cx, cy = (x0 + x1) / 2.0, (y0 + y1) / 2.0
    hx, hy = (x1 - x0) / 2.0 - radius, (y1 - y0) / 2.0 - radius

    def distance(x, y):
        qx, qy = abs(x - cx) - hx, abs(y - cy) - hy
        outside = (max(qx, 0.0) ** 2 + max(qy, 0.0) ** 2) ** 0.5
        return outside + min(max(qx, qy), 0.0) - radius + inset

    return distance, (x0, y0, x1, y1)


def inset_shape(shape, amount):
    distance, bounds = shape
    return (lambda x, y: distance(x, y) + amount), bounds


def monogram_scale(label, room):
    return max(1, min(12, room // (6 * len(label) - 1)))


# --- PNG encoding ------------------------------------------------------------

LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
               35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
LENGTH_EXTRA = [0] * 8 + [1] * 4 + [2] * 4 + [3] * 4 + [4] * 4 + [5] * 4 + [0]


class BitWriter:
    def __init__(self):
        self.out = bytearray()
        self.acc = 0
        self.count = 0

    def bits(self, value, n):
        """Little-endian bit order, as deflate wants for everything but Huffman codes."""
        self.acc |= value << self.count
        self.count += n
        while self.count >= 8:
            self.out.append(self.acc & 0xFF)
            self.acc >>= 8
            self.count -= 8

    def code(self, value, n):
        """Huffman codes go most significant bit first."""
        reversed_value = 0
        for _ in range(n):
            reversed_value = (reversed_value << 1) | (value & 1)
            value >>= 1
        self.bits(reversed_value, n)

    def finish(self):
        if self.count:
            self.out.append(self.acc & 0xFF)
        return bytes(self.out)


def literal_code(w, symbol):
    if symbol < 144:
        w.code(0x30 + symbol, 8)
    elif symbol < 256:
        w.code(0x190 + symbol - 144, 9)
    elif symbol < 280:
        w.code(symbol - 256, 7)
    else:
        w.code(0xC0 + symbol - 280, 8)


def deflate_runs(data):
    """One fixed-Huffman block: literals, plus distance-1 matches for runs of a byte."""
    w = BitWriter()
    w.bits(1, 1)  # final block
    w.bits(1, 2)  # fixed Huffman codes
    i, n = 0, len(data)
    while i < n:
        run = 0
        if i > 0:
            previous = data[i - 1]
            while run < 258 and i + run < n and data[i + run] == previous:
                run += 1
        if run >= 3:
            k = 0
            while k + 1 < len(LENGTH_BASE) and LENGTH_BASE[k + 1] <= run:
                k += 1
            literal_code(w, 257 + k)
            w.bits(run - LENGTH_BASE[k], LENGTH_EXTRA[k])
            w.code(0, 5)  # distance code 0: distance 1
            i += run
        else:
            literal_code(w, data[i])
            i += 1
    literal_code(w, 256)
    return w.finish()


def zlib_stream(data):
    return b"\x78\x01" + deflate_runs(data) + struct.pack(">I", zlib.adler32(data))


def filter_rows(rows, bpp):
    """Per row, the filter (None, Sub or Up) that leaves the fewest run breaks."""
    out = bytearray()
    previous = bytes(len(rows[0]))
    for row in rows:
        sub = bytes((row[j] - (row[j - bpp] if j >= bpp else 0)) & 0xFF for j in range(len(row)))
        up = bytes((row[j] - previous[j]) & 0xFF for j in range(len(row)))
        candidates = [(0, row), (1, sub), (2, up)]

        def breaks(candidate):
            data = candidate[1]
            return sum(1 for j in range(1, len(data)) if data[j] != data[j - 1])

        kind, data = min(candidates, key=lambda c: (breaks(c), c[0]))
        out.append(kind)
        out += data
        previous = row
    return bytes(out)


def chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_bytes(canvas, alpha=True):
    rows = canvas.rgba_rows() if alpha else canvas.rgb_rows()
    bpp = 4 if alpha else 3
    header = struct.pack(">IIBBBBB", canvas.width, canvas.height, 8, 6 if alpha else 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib_stream(filter_rows(rows, bpp))) + chunk(b"IEND", b""))


# --- the images ------------------------------------------------------------

WHITE = hex_color("ffffff")


def badge(shape_kind, label, border, fill, ring, ink):
    c = Canvas(256, 256)
    if shape_kind == "circle":
        outer = circle(128, 128, 120)
    elif shape_kind == "hexagon":
        outer = polygon(regular(128, 128, 124, 6, -90))  # pointy top
    elif shape_kind == "hexagon-flat":
        outer = polygon(regular(128, 128, 124, 6, 0))
    else:
        raise ValueError(shape_kind)
    c.fill(*outer, hex_color(border))
    c.fill(*inset_shape(outer, 10), hex_color(fill))
    c.fill(*inset_shape(outer, 18), hex_color(ring))
    c.fill(*inset_shape(outer, 22), hex_color(fill))
    c.text(label, 128, 116, monogram_scale(label, 150), hex_color(ink))
    c.rect(78, 170, 178, 178, hex_color(ring))  # underline under the monogram
    return c


def issuer_logo(label, square_color, ink, dot_color=None):
    c = Canvas(256, 256)
    body = rounded_square(8, 8, 248, 248, 40)
    c.fill(*body, hex_color(square_color))
    if dot_color:
        c.fill(*circle(204, 52, 22), hex_color(dot_color))
    c.text(label, 128, 128, monogram_scale(label, 180), hex_color(ink))
    return c


def social_card():
    c = Canvas(1200, 630, hex_color("10243e"))
    c.rect(0, 590, 1200, 630, hex_color("2f80ed"))
    outer = polygon(regular(300, 300, 210, 6, -90))
    c.fill(*outer, hex_color("0b3d91"))
    c.fill(*inset_shape(outer, 16), hex_color("2f80ed"))
    c.fill(*inset_shape(outer, 28), hex_color("9cc3ff"))
    c.fill(*inset_shape(outer, 34), hex_color("2f80ed"))
    c.text("CAA", 300, 290, 14, WHITE)
    c.text("CLOUD ADMIN", 835, 200, 9, WHITE)
    c.text("ASSOCIATE", 835, 300, 9, WHITE)
    c.text("CONTOSO LEARNING BADGES", 835, 430, 4, hex_color("9cc3ff"))
    return c


def images():
    return [
        ("cloud-fundamentals.png", badge("circle", "CF", "1f5fae", "e8f1fc", "5b9be6", "1f5fae"), True),
        ("cloud-admin-associate.png", badge("hexagon", "CAA", "0b3d91", "2f80ed", "9cc3ff", "ffffff"), True),
        ("cloud-developer-associate.png", badge("hexagon", "CDA", "4b1d8f", "7b3fe4", "c9b2f5", "ffffff"), True),
        ("data-engineer-associate.png", badge("hexagon-flat", "DEA", "0f6b4f", "1fa67a", "a8e6cf", "ffffff"), True),
        ("community-champion.png", badge("circle", "CC", "b8560b", "f59e0b", "fde7b0", "5a2a04"), True),
        ("contoso-logo.png", issuer_logo("C", "0b3d91", "ffffff", "2f80ed"), True),
        ("contoso-community-logo.png", issuer_logo("CC", "f59e0b", "5a2a04"), True),
        ("cloud-admin-associate-social.png", social_card(), False),
    ]


# --- verification ------------------------------------------------------------

def decode_png(data):
    """Checks signature, chunk CRCs and the zlib stream; returns (width, height, pixel rows)."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("bad signature")
    pos, idat, header = 8, b"", None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length : pos + 12 + length])
        if zlib.crc32(kind + body) != crc:
            raise ValueError("bad CRC in %r" % kind)
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, color_type = header[:4]
    bpp = {6: 4, 2: 3}[color_type]
    raw = zlib.decompress(idat)
    if len(raw) != height * (1 + width * bpp):
        raise ValueError("wrong decoded size")
    stride = width * bpp
    rows, previous = [], bytes(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for j in range(stride):
            if kind == 1:
                line[j] = (line[j] + (line[j - bpp] if j >= bpp else 0)) & 0xFF
            elif kind == 2:
                line[j] = (line[j] + previous[j]) & 0xFF
            elif kind != 0:
                raise ValueError("unexpected filter %d" % kind)
        rows.append(bytes(line))
        previous = line
    return width, height, rows


def main():
    check = "--check" in sys.argv[1:]
    os.makedirs(IMAGES, exist_ok=True)
    for name, canvas, alpha in images():
        data = png_bytes(canvas, alpha)
        path = os.path.join(IMAGES, name)
        with open(path, "wb") as f:
            f.write(data)
        line = "%s %dx%d %d bytes" % (name, canvas.width, canvas.height, len(data))
        if check:
            width, height, rows = decode_png(data)
            expected = canvas.rgba_rows() if alpha else canvas.rgb_rows()
            if ((width, height) != (canvas.width, canvas.height) or rows != expected
                    or len(data) >= 60 * 1024):
                raise SystemExit("check failed: " + line)
            line += " ok"
        print(line)


if __name__ == "__main__":
    main()
