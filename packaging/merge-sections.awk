#!/usr/bin/awk -f
# merge-sections.awk EXTRA PAGE: prints the mdoc PAGE with each section that EXTRA defines (.Sh NAME) replaced by
# EXTRA's, and EXTRA's sections placed before AUTHORS (or at the end).
function title(line) { sub(/^\.Sh[ \t]+/, "", line); gsub(/"/, "", line); return line }
FNR == NR {
    if ($0 ~ /^\.Sh /) replaced[title($0)] = 1
    extra = extra $0 "\n"
    next
}
/^\.Sh / {
    name = title($0)
    skipping = (name in replaced)
    if (name == "AUTHORS" && !done) { printf "%s", extra; done = 1 }
}
!skipping { print }
END { if (!done) printf "%s", extra }
