#!/usr/bin/env bash
# Builds the sample site for http://127.0.0.1:18765/ and runs the IMS Open Badges validator
# (../shared/tools/ob-validate) on it. Every published, unrevoked, unexpired assertion and every
# baked image must PASS; revoked and expired ones must fail for exactly that reason.
set -euo pipefail
cd "$(dirname "$0")/.."
tools=../shared/tools/ob-validate
[ -d "$tools" ] || { echo "ob-validate: $tools not found; skipped"; exit 0; }
[ -x /tmp/venv-ob/bin/python ] || "$tools/setup.sh"
site=$(mktemp -d /tmp/sitegen-ob.XXXXXX)
trap 'rm -rf "$site"' EXIT
today=$(date -u +%F)   # badgecheck judges expiry by the real clock
swift run sitegen build --quiet --date "$today" --base-url http://127.0.0.1:18765/ --output "$site/out" 2>/dev/null
"$tools/validate.sh" "$site/out" 18765 > "$site/report.txt" 2>&1 || true
python3 - "$site/out" "$site/report.txt" "$today" <<'PY'
import json, pathlib, re, sys
out, report, today = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]).read_text(), sys.argv[3]
expected = {}  # award id -> None (must pass) or the reason it must fail
for path in (out / "awards").glob("*.json"):
    doc = json.loads(path.read_text())
    reasons = set()
    if doc.get("revoked"):
        reasons.add("revoked")
    if "expires" in doc and doc["expires"][:10] <= today:
        reasons.add("expired")
    expected[path.stem] = reasons or None
checks, problems = [], []
for block in re.split(r"\n(?=(?:PASS|FAIL) )", report):
    m = re.match(r"(PASS|FAIL) (\S+) (\S+)", block)
    if m:
        checks.append((m.group(1), m.group(2), m.group(3), block))
for verdict, kind, target, block in checks:
    award = re.search(r"/awards/([^/.]+)", target)
    if not award:
        problems.append(f"unexpected check of {target}"); continue
    reason = expected.get(award.group(1), "unknown")
    if reason == "unknown":
        problems.append(f"{target}: not an award of this build"); continue
    if reason is None and verdict != "PASS":
        problems.append(f"{target} should pass:\n{block}")
    if reason is not None:
        wanted = [{"revoked": "declares revoked: true", "expired": "expired on"}[r] for r in reason]
        messages = [l for l in block.splitlines()[1:] if l.strip()]
        if verdict != "FAIL" or not messages or not all(any(w in l for w in wanted) for l in messages):
            problems.append(f"{target} should fail only because it is {' and '.join(sorted(reason))}:\n{block}")
passed = sum(1 for c in checks if c[0] == "PASS")
failed = len(checks) - passed
revoked = sum(1 for r in expected.values() if r and "revoked" in r)
expired = sum(1 for r in expected.values() if r and "expired" in r)
baked = sum(1 for c in checks if c[1].startswith("baked"))
print(f"ob-validate: {len(expected)} assertions ({revoked} revoked, {expired} expired), {baked} baked-image checks; "
      f"{passed} PASS, {failed} FAIL, all failures for the expected reason: {not problems}")
for p in problems:
    print("UNEXPECTED:", p)
sys.exit(1 if problems or not checks else 0)
PY
