#!/usr/bin/env python3
"""The award page's live check in a real browser (Debian's headless Chromium): on a valid award
every check passes, the Open Badges 3.0 status list included (fetched, decompressed with
DecompressionStream, the award's bit read); on a revoked award the status list check fails;
neither page logs a console error. On the valid award the script has made a named copy button
for each value marked data-copy (the page itself ships none).
A screenshot of each panel is left in SCREENSHOTS when given.

    SITE_ROOT=OUTPUT browser-verify.py BASE_URL [SCREENSHOTS]

BASE_URL serves the site built into OUTPUT. Run by Scripts/check-html.sh, which installs what it needs.
"""
import glob
import json
import os
import sys

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

def start_browser():
    """The browser axe-check.py starts: Debian's Chromium and driver, headless."""
    import importlib.util
    spec = importlib.util.spec_from_file_location(
        "axe_check", os.path.join(os.path.dirname(os.path.abspath(__file__)), "axe-check.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.start_browser()


def awards():
    """One award that stands (not revoked, not expired) and one revoked, from the site itself."""
    root = os.environ["SITE_ROOT"]
    valid = revoked = None
    for path in sorted(glob.glob(os.path.join(root, "awards", "*.json"))):
        with open(path, encoding="utf-8") as f:
            assertion = json.load(f)
        award = os.path.basename(path)[:-len(".json")]
        if assertion.get("revoked"):
            revoked = revoked or award
        elif "expires" not in assertion and os.path.exists(os.path.join(root, "awards", award, "credential.json")):
            valid = valid or award
    return valid, revoked


def live_check(driver, url):
    driver.get(url)
    button = driver.find_element(By.CSS_SELECTOR, "#verify .verify-button")
    driver.execute_script("arguments[0].scrollIntoView()", button)
    button.click()
    WebDriverWait(driver, 30).until(
        lambda d: "result-" in d.find_element(By.CSS_SELECTOR, "#verify .live-summary").get_attribute("class"))
    items = driver.find_elements(By.CSS_SELECTOR, "#verify .live-results li")
    return [(item.get_attribute("class"), item.text) for item in items]


def copy_buttons(driver):
    """The copy buttons badge.js made on the page loaded, and the values marked for copying."""
    marked = driver.execute_script("return document.querySelectorAll('[data-copy]').length")
    names = driver.execute_script(
        "return Array.from(document.querySelectorAll('button.copy-button')).map(b => b.textContent)")
    return marked, names


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    base = sys.argv[1] if sys.argv[1].endswith("/") else sys.argv[1] + "/"
    shots = sys.argv[2] if len(sys.argv) > 2 else None
    valid, revoked = awards()
    if not valid or not revoked:
        sys.exit("browser-verify: the site has no valid or no revoked award with a credential")
    driver = start_browser()
    failures = []
    try:
        for award, must_stand in [(valid, True), (revoked, False)]:
            results = live_check(driver, base + "awards/" + award + "/")
            errors = [entry["message"] for entry in driver.get_log("browser") if entry.get("level") == "SEVERE"]
            if errors:
                failures.append(f"{award}: console errors: {errors[:5]}")
            if must_stand:
                marked, names = copy_buttons(driver)
                unnamed = [name for name in names if len(name.split()) < 2]
                if marked == 0 or len(names) != marked or unnamed:
                    failures.append(f"{award}: {marked} values to copy but copy buttons {names}")
                print(f"browser-verify: {award}: {len(names)} copy buttons made, for example {names[:2]}")
            status = [r for r in results if "Status list" in r[1]]
            if not status:
                failures.append(f"{award}: no status list check ran: {results}")
            elif must_stand and not all("check-ok" in r[0] for r in results):
                failures.append(f"{award}: a check failed on a valid award: {results}")
            elif not must_stand and "check-fail" not in status[0][0]:
                failures.append(f"{award}: the status list did not report the revoked award: {results}")
            if shots:
                panel = driver.find_element(By.ID, "verify")
                panel.screenshot(os.path.join(shots, f"verify-{'valid' if must_stand else 'revoked'}.png"))
            print(f"browser-verify: {award} ({'valid' if must_stand else 'revoked'}): "
                  + ", ".join(f"{text} [{'ok' if 'check-ok' in cls else 'fail'}]" for cls, text in results))
    finally:
        driver.quit()
    for failure in failures:
        print("browser-verify: FAIL " + failure)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
