#!/usr/bin/env bash
# The package test: installs the .deb on this machine (root), checks files and modes, validates the packaged
# examples, verifies the installed unit and its exposure, then removes and purges it.
#   packaging/test-package.sh ./m365sync_<version>_<arch>.deb
set -euo pipefail

deb=$1
passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok - $*"; }
fail() { failed=$((failed + 1)); echo "not ok - $*"; }
check() { # DESCRIPTION COMMAND...
    local what=$1
    shift
    if "$@"; then ok "$what"; else fail "$what"; fi
}
mode_is() { [[ $(stat -c '%a %U:%G' "$1") == "$2" ]] || { echo "  $1: $(stat -c '%a %U:%G' "$1"), expected $2"; false; }; }

[[ $(id -u) -eq 0 ]] || { echo "test-package: run as root (it installs the package on this machine)" >&2; exit 1; }
if dpkg-query -W -f='${Status}' m365sync 2>/dev/null | grep -q installed; then
    echo "test-package: m365sync is already installed here; remove it first" >&2
    exit 1
fi
scratch=$(mktemp -d)
cleanup() { dpkg --purge m365sync >/dev/null 2>&1 || true; rm -rf "$scratch"; }
trap cleanup EXIT

# Install: dpkg -i, and the note that the service is not started.
dpkg -i "$deb" >"$scratch/install.log" 2>&1 || { cat "$scratch/install.log"; exit 1; }
check "install prints how to enable the service" grep -q 'systemctl enable --now m365sync' "$scratch/install.log"
check "journalctl knows the catalog entries" bash -c 'journalctl --list-catalog 2>/dev/null | grep -q "m365sync"'
check "the service is not enabled" bash -c '! systemctl is-enabled --quiet m365sync 2>/dev/null'

# Files and modes.
while read -r path expected; do
    check "$path is $expected" mode_is "$path" "$expected"
done <<'FILES'
/usr/bin/m365sync 755 root:root
/lib/systemd/system/m365sync.service 644 root:root
/usr/lib/systemd/catalog/m365sync.catalog 644 root:root
/etc/m365sync 755 root:root
/etc/m365sync/m365sync.json 644 root:root
/etc/m365sync/jobs.d 755 root:root
/etc/m365sync/secrets 700 root:root
/usr/share/man/man1/m365sync.1.gz 644 root:root
/usr/share/man/man1/m365sync.check.1.gz 644 root:root
/usr/share/man/man5/m365sync.json.5.gz 644 root:root
/usr/share/man/man5/m365sync-jobs.5.gz 644 root:root
/usr/share/bash-completion/completions/m365sync 644 root:root
/usr/share/zsh/vendor-completions/_m365sync 644 root:root
/usr/share/fish/vendor_completions.d/m365sync.fish 644 root:root
/usr/share/doc/m365sync/copyright 644 root:root
/usr/share/doc/m365sync/changelog.gz 644 root:root
/usr/share/doc/m365sync/operations.md 644 root:root
/usr/share/doc/m365sync/examples/m365sync.json 644 root:root
/usr/share/doc/m365sync/examples/jobs.d/personal-contacts.json 644 root:root
/usr/share/doc/m365sync/examples/systemd/metrics.conf 644 root:root
FILES
check "dpkg knows /etc/m365sync/m365sync.json as a conffile" \
    bash -c "dpkg-query -W -f='\${Conffiles}' m365sync | grep -q '/etc/m365sync/m365sync.json'"
check "every packaged file matches its md5sum" dpkg --verify m365sync
check "the binary needs no Swift toolchain" bash -c '! ldd /usr/bin/m365sync | grep -q "libswiftCore\|not found"'
check "the binary exports no symbols and packs its relocations" \
    bash -c '[[ $(nm -D --defined-only /usr/bin/m365sync | grep -vc " [wUv] ") -lt 10 ]] && readelf -d /usr/bin/m365sync | grep -q RELR'
check "the package depends on the glibc its packed relocations need" \
    bash -c "dpkg-query -W -f='\${Depends}' m365sync | grep -q 'libc6 (>= 2.36)'"
check "m365sync --version is the package version" \
    bash -c "[[ \$(m365sync --version) == \$(dpkg-query -W -f='\${Version}' m365sync) ]]"

# Man pages: found by man, and lint-clean.
check "man -w m365sync finds the page" bash -c '[[ $(man -w m365sync) == /usr/share/man/man1/m365sync.1.gz ]]'
# groff -ww also reports table layout (cells too narrow to break a long word) in the section 5 pages, which
# pandoc converts from the Markdown reference; mandoc checks their markup.
for page in /usr/share/man/man1/m365sync*.1.gz /usr/share/man/man5/m365sync*.5.gz; do
    check "mandoc -T lint is clean for ${page##*/}" bash -c "[[ -z \$(zcat '$page' | mandoc -T lint -W warning 2>&1) ]]"
done
for page in /usr/share/man/man1/m365sync*.1.gz; do
    check "groff -ww -z is clean for ${page##*/}" bash -c "[[ -z \$(zcat '$page' | groff -Tutf8 -mandoc -ww -z 2>&1) ]]"
done
check "man -l renders m365sync.json(5)" bash -c 'man -l /usr/share/man/man5/m365sync.json.5.gz 2>/dev/null | grep -q textfile'

# The installed bash completion loads and completes a subcommand through the installed binary.
complete_r() {
    bash --norc --noprofile -c 'source /usr/share/bash-completion/completions/m365sync
        COMP_WORDS=(m365sync r); COMP_CWORD=1; COMP_LINE="m365sync r"; COMP_POINT=10
        function=$(complete -p m365sync | sed -n "s/.* -F \([^ ]*\).*/\1/p")
        "$function" m365sync r m365sync; printf "%s\n" "${COMPREPLY[@]}"'
}
check "bash completes m365sync r to run" bash -c "[[ \$($(declare -f complete_r); complete_r) == run ]]"

# The packaged examples validate (in a private copy: secrets must be 0600 and the docs folder is root's).
cp -r /usr/share/doc/m365sync/examples "$scratch/examples"
chmod 600 "$scratch"/examples/secrets/*
check "m365sync validate accepts the packaged examples" m365sync validate --config "$scratch/examples"

# The installed unit.
check "systemd-analyze verify is clean" bash -c '[[ -z $(systemd-analyze verify /lib/systemd/system/m365sync.service 2>&1) ]]'
exposure=$(systemd-analyze security --offline=yes /lib/systemd/system/m365sync.service 2>/dev/null |
    sed -n 's/.*Overall exposure level for m365sync.service: \([0-9.]*\).*/\1/p')
check "exposure $exposure is at most 1.2" awk -v e="$exposure" 'BEGIN { exit !(e != "" && e <= 1.2) }'
check "ExecStart and Documentation point at packaged paths" bash -c \
    'grep -q "^ExecStart=/usr/bin/m365sync daemon" /lib/systemd/system/m365sync.service &&
     grep -q "^Documentation=.*file:/usr/share/doc/m365sync/operations.md" /lib/systemd/system/m365sync.service'

# An edited conffile survives a reinstall (as on upgrade); remove keeps configuration and state; purge deletes them.
sed -i 's/"maxConcurrentJobs": 2/"maxConcurrentJobs": 3/' /etc/m365sync/m365sync.json
edited() { grep -q '"maxConcurrentJobs": 3' /etc/m365sync/m365sync.json; }
check "the configuration was edited" edited
dpkg -i --force-confold "$deb" >/dev/null 2>&1
check "reinstalling keeps the edited configuration" edited
mkdir -p /var/lib/m365sync && touch /var/lib/m365sync/state.sqlite
dpkg --remove m365sync >/dev/null
check "remove deletes the binary" test ! -e /usr/bin/m365sync
check "remove keeps the edited configuration" edited
check "remove keeps the state" test -e /var/lib/m365sync/state.sqlite
dpkg --purge m365sync >/dev/null
check "purge deletes the configuration" test ! -e /etc/m365sync
check "purge deletes the state" test ! -e /var/lib/m365sync

echo "package test: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
