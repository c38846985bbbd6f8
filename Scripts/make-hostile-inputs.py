#!/usr/bin/env python3
"""The inputs of issue 17, each a copy of the sample site with one file replaced, so that
`sitegen check` can be timed on them and the fuzzers can start from them. Generated, not
committed: together they are megabytes.

    Scripts/make-hostile-inputs.py OUT [--scale S]

writes OUT/<case>/Content (and OUT/<case>/Themes for the template case); --scale multiplies
every size (0.25 makes the issue's n/4 inputs). Check one with
    .build/release/sitegen check --content OUT/<case>/Content --themes OUT/<case>/Themes
"""
import argparse
import os
import shutil

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HOLDER = "holders/alex-morgan.yaml"
TEMPLATE = "default/templates/404.mustache"


def cases(scale):
    def n(count):
        return max(1, int(count * scale))

    head = "name: Alex Morgan\nemail: alex.morgan@example.com\n"
    yield "yaml-flow-sequence", "Content", HOLDER, head + "x: [" + ", ".join(["1"] * n(200_000)) + "]\n"
    yield "yaml-flow-mapping", "Content", HOLDER, head + "x: {" + ", ".join(f"k{i}: 1" for i in range(n(50_000))) + "}\n"
    yield "unknown-keys", "Content", HOLDER, head + "".join(f"key_{i:06d}: 1\n" for i in range(n(80_000)))
    delimiter = "a" * n(12_000)
    yield "mustache-delimiter", "Themes", TEMPLATE, "{{=" + delimiter + " }}=}}" + "a" * n(756_000)
    yield "holders-2m", "Content", "holders.json", "[\n" + ",\n".join(["{}"] * n(2_000_000)) + "\n]\n"
    yield "holders-2m-minified", "Content", "holders.json", "[" + ",".join(["{}"] * n(2_000_000)) + "]"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    for name, tree, path, text in cases(args.scale):
        base = os.path.join(args.out, name)
        shutil.rmtree(base, ignore_errors=True)
        for folder in ("Content", "Themes"):
            shutil.copytree(os.path.join(ROOT, folder), os.path.join(base, folder),
                            ignore=shutil.ignore_patterns(".sitegen-secret"))
        with open(os.path.join(base, tree, path), "w", encoding="utf-8") as file:
            file.write(text)
        print(f"{name}: {len(text.encode()):,} bytes in {tree}/{path}")


if __name__ == "__main__":
    main()
