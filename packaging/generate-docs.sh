#!/usr/bin/env bash
# Generates the man pages and shell completions from the built binary's own argument definitions.
#   packaging/generate-docs.sh BIN_DIR OUTPUT_DIR
# BIN_DIR holds m365sync and argument-parser's generate-manual. Section 1 pages come from the generator,
# completed with man/<page>.sections (hand-written mdoc that replaces any generated section of the same name);
# section 5 pages are docs/configuration.md's parts, converted by pandoc. Nothing generated is committed.
set -euo pipefail

bin=$1 out=$2
repo=$(cd "$(dirname "$0")/.." && pwd)
date=$(git -C "$repo" log -1 --format=%cs 2>/dev/null || date -u +%F)
rm -rf "$out/man" "$out/man.raw" "$out/completions"
mkdir -p "$out/man" "$out/man.raw" "$out/completions"

"$bin/generate-manual" "$bin/m365sync" --multi-page --section 1 --date "$date" --output-directory "$out/man.raw"
# mdoc wants every sentence on a line of its own; the generator writes each discussion as one line.
split_sentences() { sed -E '/^\./! s/([a-z0-9)`"]\.) ([A-Z])/\1\n\2/g' "$1"; }
# A subcommand page is named m365sync.check(1): its NAME must say so for whatis/apropos, its SYNOPSIS shows the
# command as typed.
name_subcommand() { # PAGE SUBCOMMAND
    sed -e "s/^\.Nm \"m365sync $2\"\$/.Nm m365sync.$2/" \
        -e "/^\.Sh SYNOPSIS/,/^\.Sh/ s/^\.Nm\$/.Nm m365sync\\
.Cm $2/" "$1"
}
for page in "$out"/man.raw/*.1; do
    name=${page##*/}
    split_sentences "$page" >"$page.split" && mv "$page.split" "$page"
    if [[ $name == m365sync.*.1 ]]; then
        subcommand=${name#m365sync.}
        name_subcommand "$page" "${subcommand%.1}" >"$page.named" && mv "$page.named" "$page"
    fi
    extra="$repo/man/$name.sections"
    if [[ -f $extra ]]; then
        "$repo/packaging/merge-sections.awk" "$extra" "$page" >"$out/man/$name"
    else
        cp "$page" "$out/man/$name"
    fi
done

# docs/configuration.md: the part before "## jobs.d" describes m365sync.json, the part from it to the next
# "## " after it describes jobs.d. Headings move up one level (## → .SH).
section5() { # NAME WHATIS AWK_PROGRAM
    local name=$1 whatis=$2 program=$3
    {
        printf '## NAME\n\n%s - %s\n\n## DESCRIPTION\n\n' "$name" "$whatis"
        awk "$program" "$repo/docs/configuration.md"
        printf '\n## SEE ALSO\n\n**m365sync**(1), **m365sync.json**(5), **m365sync-jobs**(5)\n'
    } | pandoc --from gfm --to man --standalone --shift-heading-level-by=-1 \
            --metadata title="${name^^}" --metadata section=5 --metadata date="$date" \
            --metadata header="m365sync configuration" --metadata footer="m365sync" |
        sed -E 's/\\f\[(V|C|CR|CB)\]/\\f[B]/g' | # mandoc knows no constant-width font
        awk '!(/^\.PP$/ && previous ~ /^\.S[HS] /) { print } /^\.TH / { print ".ad l" } { previous = $0 }' \
            >"$out/man/$name.5" # and narrow table cells are set ragged-right, not justified
}
section5 m365sync.json "global configuration of m365sync" \
    '/^## jobs\.d/ {exit} /^# Configuration reference/ {next} {print}'
section5 m365sync-jobs "job definitions of m365sync (jobs.d/*.json)" \
    '/^## jobs\.d/ {on=1; next} on && /^## / {exit} on {print}'

for shell in bash zsh fish; do
    # Completion files are sourced, not run: no #! line (bash-completion and lintian say so).
    "$bin/m365sync" --generate-completion-script "$shell" | sed '1{/^#!/d}' >"$out/completions/m365sync.$shell"
done
