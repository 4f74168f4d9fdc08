# m365sync — build, test, demo, benchmark and install.
#
#   make demo      run the main job against the built-in simulated tenant
#   make test      install what the tests need (as root), build warning-free, run every test
#   make bench     benchmarks against the simulator (figures, not pass/fail)
#   make install   binary, systemd unit, journald catalog, man pages, completions, docs, example configuration
#   make deb       the Debian package m365sync_<version>_<arch>.deb (then: apt install ./m365sync_*.deb)
#   make test-package  build the package, install it here with dpkg, check it, remove and purge it
#   make order-file  profile which functions run, for the linker to place side by side (needs valgrind)
#   make soak      long randomized convergence rounds (faults, kills) and a fixed budget of fuzzing
#   make sanitize  the whole suite under AddressSanitizer (a gate), then ThreadSanitizer (a report)

SWIFT        ?= swift
PREFIX       ?= /usr/local
DESTDIR      ?=
BINDIR       ?= $(PREFIX)/bin
DOCDIR       ?= $(PREFIX)/share/doc/m365sync
MANDIR       ?= $(PREFIX)/share/man
BASHCOMPDIR  ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR   ?= $(PREFIX)/share/zsh/site-functions
FISHCOMPDIR  ?= $(PREFIX)/share/fish/vendor_completions.d
CONFIGDIR    ?= /etc/m365sync
UNITDIR      ?= /etc/systemd/system
CATALOGDIR   ?= /usr/lib/systemd/catalog
APT_PACKAGES := libcurl4-openssl-dev libsystemd-dev libsqlite3-dev pkg-config systemd curl prometheus
# What `make deb` and `make test-package` need besides the above (pandoc also for `make install`: man pages).
DEB_PACKAGES := dpkg-dev lintian mandoc pandoc binutils man-db
VERSION      := $(shell sed -n 's/.*current = "\(.*\)"/\1/p' Sources/M365Core/M365SyncVersion.swift)
RELEASE_BIN   = $$($(SWIFT) build -c release --show-bin-path)
# Every release build links the Swift runtime statically, as the shipped m365sync does: benches measure that binary,
# and one set of flags keeps the products from rebuilding each other's modules. Each function gets a section of its
# own, so that the linker can place those that run side by side (packaging/m365sync.order, Package.swift).
RELEASE_BUILD = $(SWIFT) build -c release --static-swift-stdlib -Xswiftc -Xfrontend -Xswiftc -function-sections \
	-Xcc -ffunction-sections
GENERATED    := .build/generated
# Warnings are errors in every build this Makefile makes.
export M365SYNC_WERROR := 1

.PHONY: all build release release-m365sync deps journald test lint format demo bench install install-files uninstall clean \
	docs-generated deb test-package soak sanitize order-file

all: build

build: deps
	$(SWIFT) build

## release: the binaries; m365sync links the Swift runtime statically, so it needs no toolchain where it runs.
release: release-m365sync
	$(RELEASE_BUILD) --product m365sim

release-m365sync: deps
	$(RELEASE_BUILD) --product m365sync

## deps: the Debian packages and the Python module the build and the tests use.
deps:
	@.ci/ensure-deps.sh $(APT_PACKAGES)
	@chmod 600 config/secrets/*  # git keeps no 0600; the loader refuses secret files others can read

## journald: a running systemd-journald, so the journal tests read the real journal.
journald:
	@.ci/ensure-journald.sh

test: deps journald
	$(SWIFT) build --build-tests --explicit-target-dependency-import-check error
	$(SWIFT) test --skip-build

lint:
	$(SWIFT) format lint --strict --recursive Sources Tests Package.swift

format:
	$(SWIFT) format --in-place --recursive Sources Tests Package.swift

demo: deps
	$(SWIFT) build --product m365sync
	$(SWIFT) build --product m365sim
	"$$($(SWIFT) build --show-bin-path)/m365sync" demo

bench: deps
	$(RELEASE_BUILD) --product m365bench
	$(RELEASE_BUILD) --product m365sim
	$(RELEASE_BUILD) --product m365sync
	"$(RELEASE_BIN)/m365bench" all

## order-file: the functions of m365sync that run (the daemon's start, then a first sync), profiled with callgrind
## against the simulator, for the linker to place side by side (Package.swift). Run it after large changes; the next
## release build links with it.
order-file: deps
	@.ci/ensure-deps.sh valgrind binutils
	$(RELEASE_BUILD) --product m365bench
	$(RELEASE_BUILD) --product m365sim
	$(RELEASE_BUILD) --product m365sync
	"$(RELEASE_BIN)/m365bench" order-file --output packaging/m365sync.order
	rm -f "$(RELEASE_BIN)/m365sync"

## soak: SOAK_ROUNDS rounds of the randomized convergence suite against the release binary, then FUZZ_SECONDS
## of coverage-guided fuzzing of the configuration decoder. Figures on stdout; exit 1 on any violation or finding.
SOAK_ROUNDS  ?= 300
FUZZ_SECONDS ?= 600
soak: deps
	$(RELEASE_BUILD) --product m365sync
	$(RELEASE_BUILD) --product m365bench
	"$(RELEASE_BIN)/m365bench" soak --rounds $(SOAK_ROUNDS)
	fuzz/run.sh $(FUZZ_SECONDS)

## sanitize: every test under AddressSanitizer (a gate), then under ThreadSanitizer (a report: its findings are
## accesses inside Synchronization.Mutex, which it cannot see; see docs/testing.md), each in a build folder of its own.
sanitize: deps journald
	$(SWIFT) build --build-tests --sanitize=address --scratch-path .build-asan
	M365SYNC_TEST_TIME_SCALE=5 \
	LSAN_OPTIONS=suppressions=$(CURDIR)/.ci/lsan.supp \
		$(SWIFT) test --skip-build --sanitize=address --scratch-path .build-asan
	$(SWIFT) build --build-tests --sanitize=thread --scratch-path .build-tsan
	-M365SYNC_TEST_TIME_SCALE=10 \
		$(SWIFT) test --skip-build --sanitize=thread --scratch-path .build-tsan > .build-tsan/report.log 2>&1
	@echo "ThreadSanitizer reports by source line (.build-tsan/report.log):"
	@grep -A3 'WARNING: ThreadSanitizer' .build-tsan/report.log | grep -oE '(Sources|Tests)/[^ ]+\.swift:[0-9]+' \
		| sort | uniq -c | sort -rn | head -20

## docs-generated: man pages and shell completions, generated from the release binary's own definitions.
docs-generated: release-m365sync
	@.ci/ensure-deps.sh pandoc
	$(RELEASE_BUILD) --product generate-manual
	packaging/generate-docs.sh "$(RELEASE_BIN)" "$(GENERATED)"

install: release-m365sync docs-generated install-files
	-test -z "$(DESTDIR)" && command -v journalctl >/dev/null && journalctl --update-catalog
	-test -z "$(DESTDIR)" && command -v systemctl >/dev/null && systemctl daemon-reload

## install-files: every installed file, for `make install` and for the package (which sets the folders).
install-files:
	install -D -m 0755 "$(RELEASE_BIN)/m365sync" "$(DESTDIR)$(BINDIR)/m365sync"
	install -d -m 0755 "$(DESTDIR)$(UNITDIR)"
	sed -e 's|/usr/local/bin/|$(BINDIR)/|' -e 's|/usr/local/share/doc/m365sync/|$(DOCDIR)/|' \
		systemd/m365sync.service >"$(DESTDIR)$(UNITDIR)/m365sync.service"
	chmod 0644 "$(DESTDIR)$(UNITDIR)/m365sync.service"
	install -D -m 0644 systemd/m365sync.catalog "$(DESTDIR)$(CATALOGDIR)/m365sync.catalog"
	install -d -m 0755 "$(DESTDIR)$(MANDIR)/man1" "$(DESTDIR)$(MANDIR)/man5"
	for page in $(GENERATED)/man/*.1; do gzip -9n <"$$page" >"$(DESTDIR)$(MANDIR)/man1/$${page##*/}.gz"; done
	for page in $(GENERATED)/man/*.5; do gzip -9n <"$$page" >"$(DESTDIR)$(MANDIR)/man5/$${page##*/}.gz"; done
	chmod 0644 "$(DESTDIR)$(MANDIR)"/man[15]/m365sync*.gz
	install -D -m 0644 $(GENERATED)/completions/m365sync.bash "$(DESTDIR)$(BASHCOMPDIR)/m365sync"
	install -D -m 0644 $(GENERATED)/completions/m365sync.zsh "$(DESTDIR)$(ZSHCOMPDIR)/_m365sync"
	install -D -m 0644 $(GENERATED)/completions/m365sync.fish "$(DESTDIR)$(FISHCOMPDIR)/m365sync.fish"
	install -d -m 0755 "$(DESTDIR)$(DOCDIR)/examples/jobs.d" "$(DESTDIR)$(DOCDIR)/examples/schema" \
		"$(DESTDIR)$(DOCDIR)/examples/secrets" "$(DESTDIR)$(DOCDIR)/examples/systemd"
	install -m 0644 README.md docs/*.md "$(DESTDIR)$(DOCDIR)/"
	install -m 0644 config/README.md config/m365sync.json "$(DESTDIR)$(DOCDIR)/examples/"
	install -m 0644 config/jobs.d/*.json "$(DESTDIR)$(DOCDIR)/examples/jobs.d/"
	install -m 0644 config/schema/*.json "$(DESTDIR)$(DOCDIR)/examples/schema/"
	install -m 0644 config/secrets/* "$(DESTDIR)$(DOCDIR)/examples/secrets/"
	install -m 0644 systemd/metrics.conf "$(DESTDIR)$(DOCDIR)/examples/systemd/metrics.conf"
	# The service runs as a dynamic user: configuration is world-readable, secrets reach it through
	# LoadCredential= from a root-only folder (see docs/operations.md).
	install -d -m 0755 "$(DESTDIR)$(CONFIGDIR)" "$(DESTDIR)$(CONFIGDIR)/jobs.d"
	install -d -m 0700 "$(DESTDIR)$(CONFIGDIR)/secrets"
	test -e "$(DESTDIR)$(CONFIGDIR)/m365sync.json" || install -m 0644 config/m365sync.json "$(DESTDIR)$(CONFIGDIR)/m365sync.json"

## deb: the Debian package, from a root staged with the same install-files as `make install`.
deb: release-m365sync docs-generated
	@.ci/ensure-deps.sh $(DEB_PACKAGES)
	rm -rf .build/deb
	$(MAKE) --no-print-directory install-files DESTDIR=$(CURDIR)/.build/deb/root PREFIX=/usr \
		ZSHCOMPDIR=/usr/share/zsh/vendor-completions UNITDIR=/lib/systemd/system CATALOGDIR=/usr/lib/systemd/catalog
	strip --remove-section=.comment --remove-section=.note --strip-unneeded .build/deb/root/usr/bin/m365sync
	printf 'm365sync (%s) unstable; urgency=medium\n\n  * Release %s.\n\n -- %s  %s\n' "$(VERSION)" \
		"$(VERSION)" "m365sync maintainers <m365sync@example.org>" "$$(date -R -d @$$(git log -1 --format=%ct))" \
		| gzip -9n >.build/deb/root/usr/share/doc/m365sync/changelog.gz
	install -m 0644 packaging/deb/copyright .build/deb/root/usr/share/doc/m365sync/copyright
	install -D -m 0644 packaging/deb/lintian-overrides .build/deb/root/usr/share/lintian/overrides/m365sync
	packaging/build-deb.sh .build/deb/root "$(VERSION)" .
	lintian --fail-on error ./m365sync_$(VERSION)_$$(dpkg --print-architecture).deb

## test-package: install the package on this machine (as root), check it, remove and purge it.
test-package: deb
	packaging/test-package.sh ./m365sync_$(VERSION)_$$(dpkg --print-architecture).deb

uninstall:
	rm -f "$(DESTDIR)$(BINDIR)/m365sync" "$(DESTDIR)$(UNITDIR)/m365sync.service" "$(DESTDIR)$(CATALOGDIR)/m365sync.catalog"
	rm -f "$(DESTDIR)$(MANDIR)"/man[15]/m365sync*.gz "$(DESTDIR)$(BASHCOMPDIR)/m365sync" \
		"$(DESTDIR)$(ZSHCOMPDIR)/_m365sync" "$(DESTDIR)$(FISHCOMPDIR)/m365sync.fish"
	rm -rf "$(DESTDIR)$(DOCDIR)"

clean:
	rm -rf .build
