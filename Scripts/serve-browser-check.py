#!/usr/bin/env python3
"""`sitegen serve` in a real browser (Debian's headless Chromium): an open page reloads itself
after a content edit, shows the error overlay after a broken edit (without reloading), and
recovers after the fix; Ctrl-C (SIGINT) then stops the server with status 0.
Prints the time from each save to the reloaded page's DOMContentLoaded.

    serve-browser-check.py SITEGEN [--content DIR] [--themes DIR] [--page PATH] [--file REL]
                           [--old TEXT] [--new TEXT] [--rounds N] [--output DIR --port N]

SITEGEN is the sitegen executable. Without --content, a copy of the repository's Content/ is
served and edited; with it, DIR itself is edited (give a copy). --output keeps the preview
(beside DIR, in .sitegen/) from run to run, so a large site is built in full only once. The defaults edit the sample
site's holder yuki-tanaka. Run by Scripts/check-html.sh, which installs selenium and chromium.
"""
import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

from selenium.webdriver.support.ui import WebDriverWait

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def start_browser():
    """The browser axe-check.py starts: Debian's Chromium and driver, headless."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("axe_check", os.path.join(HERE, "axe-check.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.start_browser()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(what, condition, timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if condition():
            return
        time.sleep(0.02)
    raise SystemExit(f"serve-browser-check: FAIL: {what} (after {timeout} s)")


def loaded_at(driver):
    """The wall-clock time (s) at which the current page's DOMContentLoaded ended."""
    return driver.execute_script(
        "const n = performance.getEntriesByType('navigation')[0];"
        "return (performance.timeOrigin + n.domContentLoadedEventEnd) / 1000;")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("sitegen")
    parser.add_argument("--content")
    parser.add_argument("--themes", default=os.path.join(REPO, "Themes"))
    parser.add_argument("--page", default="/holders/yuki-tanaka/")
    parser.add_argument("--file", default="holders/yuki-tanaka.yaml")
    parser.add_argument("--old", default="name: 田中 由紀")
    parser.add_argument("--new", default="name: Yuki Reloaded")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=30)
    parser.add_argument("--port", type=int, help="default: a free one (the pages name it: keep it with --output)")
    parser.add_argument("--output", help="the output folder serve keeps its preview beside (default: a temporary one)")
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="sitegen-serve-check.")
    content = args.content
    if content is None:
        content = os.path.join(work, "Content")
        shutil.copytree(os.path.join(REPO, "Content"), content)
    edited = os.path.join(content, args.file)
    with open(edited, encoding="utf-8") as f:
        original = f.read()
    if args.old not in original:
        sys.exit(f"serve-browser-check: {args.old!r} is not in {edited}")
    port = args.port or free_port()
    env = dict(os.environ, SITEGEN_SECRET=os.environ.get("SITEGEN_SECRET", "ci-secret-not-for-production-use-0000"))
    log = open(os.path.join(work, "serve.log"), "w+", encoding="utf-8")
    server = subprocess.Popen([args.sitegen, "serve", "--content", content, "--themes", args.themes,
                               "--output", args.output or os.path.join(work, "Output"), "--port", str(port), "--date", "2026-11-21"],
                              stderr=log, stdout=log, env=env)
    base = f"http://127.0.0.1:{port}"
    driver = None
    failed = True

    def write(text):
        # As editors save: a new file renamed over the old one.
        scratch = os.path.join(os.path.dirname(edited), "." + os.path.basename(edited) + ".tmp")
        with open(scratch, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(scratch, edited)
        return time.time()

    try:
        def built():
            log.seek(0)
            return any(line.startswith("built ") for line in log)
        wait_for("the first build", built, 600)
        with urllib.request.urlopen(base + args.page) as response:
            assert response.status == 200
        driver = start_browser()
        driver.get(base + args.page)
        live = lambda: driver.execute_script("return document.documentElement.dataset.sitegenLive || null")
        wait_for("the page's event stream", lambda: live() is not None, 10)
        text = lambda: driver.execute_script("return document.body.innerText")
        # What a page shows of `name: Value` (YAML) or `"name": "Value"` (JSON): the value.
        shown = lambda edit: edit.split(": ", 1)[-1].strip('"')
        timings = []
        current = original
        for round in range(args.rounds):
            # An edit: the page reloads itself (the marker set on this page is gone) and shows it.
            suffix = f" {round + 1}" if args.rounds > 1 else ""
            new = args.new[:-1] + suffix + '"' if args.new.endswith('"') else args.new + suffix
            driver.execute_script("window.__sitegenMarker = 1")
            current = original.replace(args.old, new, 1)
            saved = write(current)
            wait_for("the page reloading after the edit",
                     lambda: driver.execute_script("return window.__sitegenMarker === undefined")
                     and live() is not None and shown(new) in text(), args.timeout)
            timings.append(loaded_at(driver) - saved)
            print(f"serve-browser-check: edit → page reloaded in {timings[-1] * 1000:.0f} ms", flush=True)

        # A broken edit: the overlay shows the error over the page, which does not reload.
        driver.execute_script("window.__sitegenMarker = 2")
        broken = current + ("\n]]] not json\n" if edited.endswith(".json") else "\nawards: [unclosed\n")
        write(broken)
        overlay = lambda: driver.execute_script(
            "const o = document.getElementById('sitegen-error-overlay'); return o ? o.innerText : null")
        wait_for("the error overlay", lambda: overlay() is not None and os.path.basename(edited) in overlay(), args.timeout)
        assert driver.execute_script("return window.__sitegenMarker") == 2, "the page reloaded on a broken build"
        first_error = next((line for line in overlay().splitlines() if ": error: " in line), "?")
        print("serve-browser-check: broken edit → overlay: " + first_error[:160], flush=True)

        # The fix: the overlay goes and the page shows the fixed build.
        write(original)
        wait_for("the overlay going after the fix", lambda: overlay() is None and live() is not None, args.timeout)
        wait_for("the fixed page", lambda: shown(args.old) in text(), args.timeout)
        print("serve-browser-check: fixed → overlay gone, page current", flush=True)
        if args.rounds > 1:
            log.seek(0)
            for line in log:  # the server's own figures (step times with SITEGEN_TIMINGS=1)
                if line.startswith(("rebuilt ", "steps: ")):
                    print("serve-browser-check: server: " + line.rstrip())
            ordered = sorted(timings)
            print(f"serve-browser-check: edit → reload over {len(timings)} rounds: median "
                  f"{ordered[len(ordered) // 2] * 1000:.0f} ms, worst {ordered[-1] * 1000:.0f} ms")
        failed = False
    finally:
        if driver is not None:
            driver.quit()
        server.send_signal(signal.SIGINT)
        try:
            status = server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            status = "hung"
        if status != 0:
            print(f"serve-browser-check: FAIL: after Ctrl-C sitegen serve ended with {status}")
            failed = True
        if failed:
            log.seek(0)
            print("serve-browser-check: the server's log:\n" + log.read()[-4000:])
        shutil.rmtree(work, ignore_errors=True)
    if failed:
        sys.exit(1)
    print("serve-browser-check: ok: reload on edit, overlay on a broken edit, recovery on the fix, clean stop")


if __name__ == "__main__":
    main()
