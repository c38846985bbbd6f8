#!/usr/bin/env python3
"""Runs axe-core (WCAG 2.0/2.1 A and AA rules) in headless Chromium on pages of a served site.

Usage: axe-check.py BASE_URL PATH...   e.g. axe-check.py http://127.0.0.1:18767/ / /ja/ /awards/x/embed.html

Prints one line per page and per colour scheme, lists every violation, and exits 1 when any
violation has impact serious or critical (minor and moderate ones are listed, not fatal).
Needs selenium, Debian's chromium + chromium-driver, and the axe.min.js that the
axe-playwright-python package ships (found on disk; the package is not imported, so playwright
and its browser downloads are never needed).
"""
import importlib.util
import os
import sys
import urllib.error
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FATAL = {"serious", "critical"}
# Both schemes: the theme has a dark palette, and contrast failures there are as real as in light.
SCHEMES = ["light", "dark"]


def axe_source():
    spec = importlib.util.find_spec("axe_playwright_python")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("axe-check: the axe-playwright-python package is not installed")
    for folder in spec.submodule_search_locations:
        path = os.path.join(folder, "axe.min.js")
        if os.path.isfile(path):
            with open(path, encoding="utf-8") as f:
                return f.read()
    sys.exit("axe-check: axe.min.js not found in axe_playwright_python")


def first_existing(*paths):
    return next((p for p in paths if p and os.path.exists(p)), None)


def start_browser():
    options = Options()
    # Selenium Manager would try to download a browser and driver; the Debian ones are given instead.
    options.binary_location = first_existing(os.environ.get("CHROMIUM"), "/usr/bin/chromium",
                                             "/usr/bin/chromium-browser") or "chromium"
    # The console, for browser-verify.py's "no console errors".
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-extensions", "--no-first-run", "--window-size=1280,1000", "--lang=en-US"]:
        options.add_argument(arg)
    driver_path = first_existing(os.environ.get("CHROMEDRIVER"), "/usr/bin/chromedriver")
    service = Service(executable_path=driver_path) if driver_path else Service()
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(60)
    return driver


RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
  .then(r => done({version: axe.version, violations: r.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary || ''}))}))}))
  .catch(e => done({error: String(e)}));
"""


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    base = sys.argv[1].rstrip("/")
    paths = sys.argv[2:]
    source = axe_source()
    driver = start_browser()
    fatal_total, version = 0, "?"
    try:
        for scheme in SCHEMES:
            driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
                "features": [{"name": "prefers-color-scheme", "value": scheme}]})
            for path in paths:
                url = base + (path if path.startswith("/") else "/" + path)
                # The browser hides HTTP status: without this a mistyped path checks the 404 page.
                try:
                    urllib.request.urlopen(url, timeout=10).close()
                except (urllib.error.URLError, OSError) as e:
                    print(f"axe: {path}: cannot load {url}: {e}")
                    fatal_total += 1
                    continue
                driver.get(url)
                title = driver.title
                driver.execute_script(source)
                result = driver.execute_async_script(RUN_AXE, TAGS)
                if "error" in result:
                    print(f"axe: {path} [{scheme}]: axe.run failed: {result['error']}")
                    fatal_total += 1
                    continue
                version = result["version"]
                violations = result["violations"]
                fatal = [v for v in violations if v["impact"] in FATAL]
                fatal_total += len(fatal)
                print(f"axe: {path} [{scheme}] \"{title}\": {len(violations)} violations, "
                      f"{len(fatal)} serious/critical")
                for v in violations:
                    mark = "FAIL" if v["impact"] in FATAL else "note"
                    print(f"  {mark} {v['impact']} {v['id']} ({v['help']}): {len(v['nodes'])} nodes")
                    for node in v["nodes"][:5]:
                        summary = " ".join(node["summary"].split())[:300]
                        print(f"    {node['target']}  {summary}")
    finally:
        driver.quit()
    print(f"axe-core {version}: {len(paths)} pages x {len(SCHEMES)} colour schemes, "
          f"{fatal_total} serious/critical violations")
    sys.exit(1 if fatal_total else 0)


if __name__ == "__main__":
    main()
