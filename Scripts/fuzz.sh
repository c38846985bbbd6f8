#!/usr/bin/env bash
# Builds one libFuzzer target and runs it for SECONDS (issue 17):
#
#   Scripts/fuzz.sh TARGET [SECONDS]        TARGET: json, yaml, mustache, holders
#
# The targets live in Fuzz/, outside the package, because they need -sanitize=fuzzer,address
# (Linux toolchains only): this script compiles the library sources they use into static
# modules under .build/fuzz and links each harness against them. It first runs the inputs of
# issue 17 (made by Scripts/make-hostile-inputs.py) once each as regression cases, then fuzzes
# from a seed corpus of the sample site, the themes and the conformance suites. A crash, a run
# over 5 s or over 2 GB is a failure; reproducers land in .build/fuzz/TARGET/.
set -euo pipefail
cd "$(dirname "$0")/.."

target="${1:?usage: Scripts/fuzz.sh json|yaml|mustache|holders [SECONDS]}"
seconds="${2:-60}"
case "$target" in
    json) harness=JSONParserFuzz.swift; modules=(SitegenSource) ;;
    yaml) harness=YAMLParserFuzz.swift; modules=(SitegenSource) ;;
    mustache) harness=TemplateParserFuzz.swift; modules=(SitegenSource SitegenMustache) ;;
    holders) harness=HoldersFileFuzz.swift; modules=(SitegenSource SitegenSHAExtensions SitegenDigest SitegenSignature SitegenModel) ;;
    *) echo "fuzz.sh: unknown target '$target' (json, yaml, mustache, holders)" >&2; exit 2 ;;
esac

out=.build/fuzz
work="$out/$target"
mkdir -p "$out/modules" "$work/corpus" "$work/seeds" "$work/artifacts"
flags=(-sanitize=fuzzer,address -parse-as-library -O -g -enable-testing -I "$out/modules")

# A module is rebuilt when one of its sources is newer than its library.
for module in "${modules[@]}"; do
    library="$out/modules/lib$module.a"
    if [[ ! -f "$library" ]] || [[ -n "$(find "Sources/$module" -name '*.swift' -newer "$library" | head -1)" ]]; then
        echo "== compiling $module"
        # The SHA extensions' module takes the instruction sets it is for (Package.swift).
        extra=()
        [[ $module == SitegenSHAExtensions && $(uname -m) == x86_64 ]] && extra=(-Xcc -msha -Xcc -msse4.1)
        swiftc "${flags[@]}" "${extra[@]}" -module-name "$module" -emit-module -emit-module-path "$out/modules/$module.swiftmodule" \
            -emit-library -static -o "$library" $(find "Sources/$module" -name '*.swift' | sort) 2>&1 | grep -v "ld.gold: warning" || true
        [[ -f "$library" ]] || { echo "fuzz.sh: compiling $module failed" >&2; exit 1; }
    fi
done
binary="$work/fuzz-$target"
echo "== linking $binary"
# Static libraries link after what uses them: the modules in reverse order.
links=()
for module in "${modules[@]}"; do links=("$out/modules/lib$module.a" "${links[@]}"); done
rm -f "$binary"
swiftc "${flags[@]}" -module-name "Fuzz$target" "Fuzz/$harness" Fuzz/FuzzChecks.swift "${links[@]}" -o "$binary" 2>&1 \
    | grep -v "ld.gold: warning" || true
[[ -x "$binary" ]] || { echo "fuzz.sh: linking the $target harness failed" >&2; exit 1; }

limits=(-timeout=5 -rss_limit_mb=2048 -artifact_prefix="$work/artifacts/")

# Issue 17's inputs, once each: each must finish inside the timeout.
regressions="$out/regressions"
if [[ ! -d "$regressions/holders-2m" ]]; then python3 Scripts/make-hostile-inputs.py "$regressions" >/dev/null; fi
case "$target" in
    yaml) cases=("$regressions"/yaml-flow-*/Content/holders/alex-morgan.yaml "$regressions"/unknown-keys/Content/holders/alex-morgan.yaml) ;;
    mustache) cases=("$regressions"/mustache-delimiter/Themes/default/templates/404.mustache) ;;
    json) cases=("$regressions"/holders-2m*/Content/holders.json) ;;
    holders)
        # A tenth of the size: instrumented, decoding two million holders takes a minute.
        tenth="$out/regressions-tenth"
        if [[ ! -d "$tenth/holders-2m" ]]; then python3 Scripts/make-hostile-inputs.py "$tenth" --scale 0.1 >/dev/null; fi
        cases=()
        for name in holders-2m holders-2m-minified; do
            # The harness's first byte: JSON, the largest chunks it can ask for.
            printf '\xfe' | cat - "$tenth/$name/Content/holders.json" > "$work/regression-$name"
            cases+=("$work/regression-$name")
        done ;;
esac
# They are megabytes and run instrumented, so they get 30 s rather than the 5 s of fuzzed
# inputs; each took minutes when it was quadratic.
echo "== regression inputs of issue 17"
if ! "$binary" -timeout=30 -rss_limit_mb=2048 "${cases[@]}" >"$work/regressions.log" 2>&1; then
    tail -n 30 "$work/regressions.log" >&2
    echo "fuzz.sh: a regression input failed" >&2
    exit 1
fi
grep -E "^Executed" "$work/regressions.log" || true

python3 Scripts/fuzz-seeds.py "$target" "$work/seeds"
echo "== fuzzing $target for $seconds s"
log="$work/fuzz.log"
status=0
# Holders inputs decode slowly (threads, digests), so they are kept shorter.
max_len=65536
if [[ "$target" == holders ]]; then max_len=8192; fi
"$binary" "${limits[@]}" -max_total_time="$seconds" -max_len="$max_len" -print_final_stats=1 \
    "$work/corpus" "$work/seeds" >"$log" 2>&1 || status=$?
tail -n 25 "$log" | grep -E "^#[0-9]+.*(DONE|cov)|stat::number_of_executed_units|stat::peak_rss_mb|ERROR|SUMMARY|Done" | tail -n 6
executed=$(grep -Eo "stat::number_of_executed_units: [0-9]+" "$log" | grep -Eo "[0-9]+$" || echo "?")
coverage=$(grep -Eo "cov: [0-9]+ ft: [0-9]+ corp: [0-9]+" "$log" | tail -1 || echo "?")
echo "$target: $executed executions in $seconds s; $coverage; exit $status"
exit "$status"
