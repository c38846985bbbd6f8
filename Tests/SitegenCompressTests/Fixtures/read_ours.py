#!/usr/bin/env python3
"""Reads streams our deflater wrote with Python's own zlib and gzip modules.

Usage: read_ours.py FOLDER. FOLDER holds NAME.data (the original) and NAME.deflate, NAME.zlib,
NAME.gz (our streams). Prints one line per stream, `NAME FORMAT ok OUR_SIZE ZLIB6_SIZE`, where
ZLIB6_SIZE is zlib.compress(data, 6)'s size for the same wrapper, or `NAME FORMAT FAIL why`.
Exits 1 if any stream fails.
"""
import gzip
import os
import sys
import zlib

folder = sys.argv[1]
failed = False
for name in sorted(f[:-5] for f in os.listdir(folder) if f.endswith(".data")):
    with open(os.path.join(folder, name + ".data"), "rb") as f:
        data = f.read()
    readers = {
        "deflate": (lambda s: zlib.decompress(s, -15), lambda d: len(zlib.compress(d, 6)) - 6),
        "zlib": (zlib.decompress, lambda d: len(zlib.compress(d, 6))),
        "gz": (gzip.decompress, lambda d: len(gzip.compress(d, 6, mtime=0))),
    }
    for extension, (read, reference_size) in readers.items():
        path = os.path.join(folder, f"{name}.{extension}")
        if not os.path.exists(path):
            continue
        with open(path, "rb") as f:
            stream = f.read()
        try:
            # decompressobj also proves nothing is left after the stream's end.
            if extension == "deflate":
                d = zlib.decompressobj(-15)
                out = d.decompress(stream) + d.flush()
                if not d.eof or d.unused_data:
                    raise ValueError("stream not ended exactly at the input's end")
            else:
                out = read(stream)
            if out != data:
                raise ValueError(f"decoded {len(out)} bytes differ from the {len(data)} original")
            print(name, extension, "ok", len(stream), reference_size(data))
        except Exception as error:
            failed = True
            print(name, extension, "FAIL", repr(error))
sys.exit(1 if failed else 0)
