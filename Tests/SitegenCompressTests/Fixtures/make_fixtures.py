#!/usr/bin/env python3
"""Writes the inflate test fixtures: sample data (*.bin) and what Python's zlib and gzip
modules make of it (raw deflate, zlib and gzip streams at several levels and strategies),
listed in manifest.txt as `<stream file> <raw|zlib|gzip> <expected>`, where expected is a data
file, files joined with `+`, `zeros:N` (N zero bytes, made by the test) or `error:REASON`.

Run from this folder: python3 make_fixtures.py. The output is committed; the tests read it and
never run this script. Everything is seeded: a rerun with the same Python and zlib gives the same
files.
"""
import gzip
import io
import os
import random
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(20261207)
manifest = []


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def text(size):
    words = ("badge issuer award earner credential open verify status list revocation "
             "the of and to in is that for it as with was on be by at this are from").split()
    out, line = [], []
    while sum(len(w) + 1 for w in out) < size:
        word = rng.choice(words)
        out.append(word.capitalize() if rng.random() < 0.1 else word)
    return (" ".join(out)[:size]).encode()


def scanlines(width, height):
    """PNG-like rows: a filter byte then RGB, a gradient with a disc, Sub-filtered."""
    rows = bytearray()
    for y in range(height):
        raw = bytearray()
        for x in range(width):
            inside = (x - width / 2) ** 2 + (y - height / 2) ** 2 < (height / 3) ** 2
            raw += bytes((200, 40, 40) if inside else (x * 255 // width, y * 255 // height, 128))
        filtered = bytearray(raw[:3]) + bytearray((raw[i] - raw[i - 3]) & 0xFF for i in range(3, len(raw)))
        rows += b"\x01" + filtered
    return bytes(rows)


def far_repeats():
    """A random 300-byte piece repeated exactly 32,768 and 32,769 bytes later (text between):
    matches at the window's edge and just past it."""
    piece = rng.randbytes(300)
    return piece + text(32768 - 300) + piece + b"x" + piece


DATA = {
    "empty": b"",
    "one": b"A",
    "text": text(12000),
    "random": rng.randbytes(3000),
    "zeros": bytes(70000),
    "scanlines": scanlines(48, 40),
    "counting": b"".join(struct.pack("<I", i * 7) for i in range(3000)),
    "far": far_repeats(),
}

STRATEGIES = {
    "default": zlib.Z_DEFAULT_STRATEGY,
    "filtered": zlib.Z_FILTERED,
    "huffman": zlib.Z_HUFFMAN_ONLY,
    "rle": zlib.Z_RLE,
    "fixed": zlib.Z_FIXED,
}
WRAPPERS = {"raw": -15, "zlib": 15, "gzip": 31}
EXTENSIONS = {"raw": "deflate", "zlib": "zlib", "gzip": "gz"}


def compress(data, level, strategy, wbits, mem_level=8, chunks=1, flush=zlib.Z_SYNC_FLUSH):
    c = zlib.compressobj(level, zlib.DEFLATED, wbits, mem_level, strategy)
    out = b""
    step = max(1, len(data) // chunks)
    for start in range(0, len(data), step):
        out += c.compress(data[start:start + step])
        if chunks > 1:
            out += c.flush(flush)
    return out + c.flush()


def add(name, wrapper, stream, original):
    filename = f"{name}.{EXTENSIONS[wrapper]}"
    write(filename, stream)
    manifest.append(f"{filename} {wrapper} {original}")


def expected_name(data_name):
    # 70,000 zero bytes are described, not committed: the test makes them.
    return "zeros:70000" if data_name == "zeros" else f"{data_name}.bin"


for data_name, data in DATA.items():
    if data_name != "zeros":
        write(f"{data_name}.bin", data)
    expected = expected_name(data_name)
    # Level 0 (stored blocks) only where it adds something: none, tiny, several blocks.
    levels = (0, 1, 6, 9) if data_name in ("empty", "one", "text", "zeros") else (1, 6, 9)
    variants = [(level, "raw") for level in levels] + [(6, "zlib"), (9, "zlib"), (6, "gzip")]
    for level, wrapper in variants:
        add(f"{data_name}-l{level}-default", wrapper,
            compress(data, level, zlib.Z_DEFAULT_STRATEGY, WRAPPERS[wrapper]), expected)
    if data_name in ("text", "scanlines", "counting", "zeros", "one"):
        for strategy_name, strategy in STRATEGIES.items():
            if strategy_name != "default":
                add(f"{data_name}-l6-{strategy_name}", "raw", compress(data, 6, strategy, -15), expected)

# Small windows and memory levels, and streams flushed mid-way (empty stored blocks, block
# boundaries at odd bit positions).
add("text-w9-m1", "zlib", compress(DATA["text"], 9, zlib.Z_DEFAULT_STRATEGY, 9, mem_level=1), "text.bin")
add("text-sync-flush", "raw", compress(DATA["text"], 6, zlib.Z_DEFAULT_STRATEGY, -15, chunks=7), "text.bin")
add("text-full-flush", "zlib", compress(DATA["text"], 6, zlib.Z_DEFAULT_STRATEGY, 15, chunks=5, flush=zlib.Z_FULL_FLUSH), "text.bin")
add("scanlines-partial-flush", "raw",
    compress(DATA["scanlines"], 6, zlib.Z_FIXED, -15, chunks=9, flush=zlib.Z_PARTIAL_FLUSH), "scanlines.bin")

# gzip as the gzip module writes it: file name (FNAME) and a fixed MTIME.
buffer = io.BytesIO()
with gzip.GzipFile(filename="badge.json", mode="wb", fileobj=buffer, mtime=1700000000) as f:
    f.write(DATA["text"])
add("text-named", "gzip", buffer.getvalue(), "text.bin")
# Every optional header field (FTEXT, FHCRC, FEXTRA, FNAME, FCOMMENT), built by hand per RFC 1952.
header = bytes([0x1F, 0x8B, 8, 0x1F]) + struct.pack("<I", 0) + bytes([0, 3])
header += struct.pack("<H", 6) + b"AB\x02\x00hi" + b"name.txt\x00" + b"a comment\x00"
header += struct.pack("<H", zlib.crc32(header) & 0xFFFF)
body = compress(DATA["counting"], 6, zlib.Z_DEFAULT_STRATEGY, -15)
add("counting-all-header-fields", "gzip",
    header + body + struct.pack("<II", zlib.crc32(DATA["counting"]), len(DATA["counting"])), "counting.bin")
# Two members, as `cat a.gz b.gz` makes: the data of both, joined.
add("two-members", "gzip", gzip.compress(DATA["text"], mtime=0) + gzip.compress(DATA["counting"], mtime=0),
    "text.bin+counting.bin")
# A zlib stream that needs a preset dictionary: refused, not misdecoded.
c = zlib.compressobj(6, zlib.DEFLATED, 15, 8, zlib.Z_DEFAULT_STRATEGY, zdict=b"badge issuer award")
add("text-dictionary", "zlib", c.compress(DATA["text"]) + c.flush(), "error:presetDictionaryUnsupported")

with open(os.path.join(HERE, "manifest.txt"), "w") as f:
    f.write(f"# made by make_fixtures.py with zlib {zlib.ZLIB_RUNTIME_VERSION}\n")
    f.write("\n".join(manifest) + "\n")
