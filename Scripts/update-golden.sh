#!/usr/bin/env bash
# Regenerates the golden site's expected output (Tests/SitegenTests/Fixtures/golden/Output) after
# an intended change. Review the diff (`git diff --stat Tests/SitegenTests/Fixtures/golden`) like code.
set -euo pipefail
cd "$(dirname "$0")/.."
SITEGEN_UPDATE_GOLDEN=1 swift test --filter GoldenPagesTests
git status --short Tests/SitegenTests/Fixtures/golden | head -20
