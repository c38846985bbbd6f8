#!/usr/bin/env python3
"""Seed corpus for one fuzz target, from the sample site, the themes and the conformance suites.

    Scripts/fuzz-seeds.py TARGET OUT

TARGET is json, yaml, mustache or holders. The suites are read where the repository vendors
them (Tests/**/Fixtures) or else from ../shared; a missing suite only means fewer seeds.
"""
import glob
import hashlib
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def files(*patterns):
    for pattern in patterns:
        yield from sorted(glob.glob(os.path.join(ROOT, pattern), recursive=True))


def json_suite():
    return files("Tests/**/Fixtures/**/test_parsing/*.json", "../shared/json-test-suite/test_parsing/*.json")


def mustache_spec_templates():
    for path in files("Tests/**/Fixtures/**/mustache-spec/*.json", "../shared/mustache-spec/*.json"):
        try:
            spec = json.load(open(path, encoding="utf-8"))
        except (OSError, ValueError):
            continue
        for test in spec.get("tests", []):
            yield test.get("template", "").encode()
            for partial in test.get("partials", {}).values():
                yield partial.encode()


def read(paths):
    for path in paths:
        with open(path, "rb") as file:
            yield file.read()


def seeds(target):
    if target == "json":
        yield from read(files("Content/**/*.json", "Themes/**/*.json"))
        yield from read(json_suite())
    elif target == "yaml":
        yield from read(files("Content/**/*.yaml", "Content/**/*.yml", "Themes/**/*.yaml"))
    elif target == "mustache":
        yield from read(files("Themes/**/*.mustache"))
        yield from mustache_spec_templates()
    elif target == "holders":
        # The first byte picks the format (even: JSON) and the chunk size.
        for text in read(files("Content/holders.json")):
            yield bytes([0x20]) + text
        for text in read(files("Content/holders/*.yaml")):
            yield bytes([0x21]) + b"- " + text.replace(b"\n", b"\n  ").rstrip() + b"\n"
        yield bytes([0x08]) + b"[\n" + b",\n".join([b"{}"] * 50) + b"\n]\n"
        yield bytes([0x09]) + b"- name: A\n  email: a@example.org\n- name: B\n  email: b@example.org\n"
    else:
        sys.exit(f"unknown target {target}: use json, yaml, mustache or holders")


def main():
    target, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    count = 0
    for data in seeds(target):
        name = hashlib.sha1(data).hexdigest()
        with open(os.path.join(out, name), "wb") as file:
            file.write(data)
        count += 1
    print(f"{target}: {count} seeds in {out}")


if __name__ == "__main__":
    main()
