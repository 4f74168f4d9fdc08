#!/usr/bin/env bash
# Builds the configuration fuzzer (libFuzzer + AddressSanitizer, M365Core compiled in) and runs it for
# $1 seconds (default 600) on a corpus seeded from the shipped examples. Exit status: libFuzzer's (0 = no finding).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
out=.build-fuzz
mkdir -p "$out/corpus" "$out/findings"
# Seeds: the shipped examples, each with the selector byte that plays it as m365sync.json (0) or a job file (1).
{ printf '\0'; cat config/m365sync.json; } > "$out/corpus/seed-global"
for job in config/jobs.d/*.json; do
    { printf '\1'; cat "$job"; } > "$out/corpus/seed-$(basename "$job" .json)"
done
swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name M365Core \
    $(find Sources/M365Core -name '*.swift' | sort) fuzz/ConfigurationFuzzer.swift \
    -o "$out/configuration-fuzzer"
"$out/configuration-fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$out/findings/" "$out/corpus"
