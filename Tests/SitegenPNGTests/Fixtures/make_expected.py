#!/usr/bin/env python3
"""Writes expected.txt: what Pillow (PyPI) decodes each fixture PNG to, so the Swift tests can
compare without Python.

One line per PNG under this folder, sorted:
    <path> <width> <height> <sha256 of the RGBA bytes>   Pillow decodes it
    <path> error <Pillow's exception class>              Pillow refuses it

Pixels are Image.open(f).convert("RGBA"), except for Pillow's 16-bit greyscale mode ("I;16"):
there convert() clamps samples above 255 to 255 instead of scaling them, so the grey level is
taken from Pillow's own decoded 16-bit samples as their high byte (v >> 8), which is what Pillow
itself does when it reads 16-bit RGB, grey-alpha and RGBA PNGs, and alpha is 0 where the sample
equals the tRNS key Pillow reports. And for greyscale of 1, 2 or 4 bits with a tRNS key, Pillow
13 compares the key (a sample value, 0 to 2^depth - 1) against its grey levels already scaled to
0-255, so a 4-bit key of 15 never matches the 255 it stands for (PngSuite's tbbn0g04): alpha is
taken instead as 0 where Pillow's grey level equals the key scaled the same way (key·255/(2^depth-1)),
as the PNG specification (section 11.3.2.1) and libpng have it. Run: python3 -m pip install Pillow && python3 make_expected.py
"""
import hashlib
import os
import struct
import sys

import PIL
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))


def grey_depth(path):
    """The bit depth of a greyscale (colour type 0) PNG, else None: IHDR's fields at bytes 24-25."""
    with open(path, "rb") as f:
        head = f.read(26)
    return head[24] if head[25] == 0 else None


def rgba_bytes(im, path):
    depth = grey_depth(path)
    if im.mode in ("L", "1") and depth is not None and depth < 8 and "transparency" in im.info:
        key = im.info["transparency"] * 255 // ((1 << depth) - 1)
        out = bytearray()
        for grey in im.convert("L").tobytes():
            out += bytes((grey, grey, grey, 0 if grey == key else 255))
        return bytes(out)
    if im.mode in ("I;16", "I;16B", "I"):
        width, height = im.size
        key = im.info.get("transparency")
        raw = im.tobytes("raw", "I;16") if im.mode != "I" else im.tobytes("raw", "I")
        size = 2 if im.mode != "I" else 4
        fmt = "<%d%s" % (width * height, "H" if size == 2 else "i")
        out = bytearray()
        for value in struct.unpack(fmt, raw):
            grey = value >> 8
            out += bytes((grey, grey, grey, 0 if value == key else 255))
        return bytes(out)
    return im.convert("RGBA").tobytes()


def main():
    lines = []
    for folder, _, files in os.walk(HERE):
        for name in files:
            if not name.endswith(".png"):
                continue
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, HERE)
            try:
                with Image.open(path) as im:
                    im.load()
                    data = rgba_bytes(im, path)
                    lines.append("%s %d %d %s" % (rel, im.size[0], im.size[1], hashlib.sha256(data).hexdigest()))
            except Exception as error:  # Pillow refusing a file is an expected outcome
                lines.append("%s error %s" % (rel, type(error).__name__))
    lines.sort()
    with open(os.path.join(HERE, "expected.txt"), "w") as out:
        out.write("# Pillow %s, Python %s: see make_expected.py\n" % (PIL.__version__, sys.version.split()[0]))
        out.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
