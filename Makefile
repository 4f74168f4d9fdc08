# m365sync — build, test, demo, benchmark and install.
#
#   make demo      run the main job against the built-in simulated tenant
#   make test      install what the tests need (as root), build warning-free, run every test
#   make bench     benchmarks against the simulator (figures, not pass/fail)
#   make install   binary, systemd unit, journald catalog, example configuration

SWIFT        ?= swift
PREFIX       ?= /usr/local
DESTDIR      ?=
CONFIGDIR    ?= /etc/m365sync
UNITDIR      ?= /etc/systemd/system
CATALOGDIR   ?= /usr/lib/systemd/catalog
APT_PACKAGES := libcurl4-openssl-dev libsystemd-dev libsqlite3-dev pkg-config systemd curl prometheus
# Warnings are errors in every build this Makefile makes.
export M365SYNC_WERROR := 1

.PHONY: all build release deps journald test lint format demo bench install uninstall clean

all: build

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product m365sync
	$(SWIFT) build -c release --product m365sim

## deps: the Debian packages and the Python module the build and the tests use.
deps:
	@.ci/ensure-deps.sh $(APT_PACKAGES)
	@chmod 600 config/secrets/*  # git keeps no 0600; the loader refuses secret files others can read

## journald: a running systemd-journald, so the journal tests read the real journal.
journald:
	@.ci/ensure-journald.sh

test: deps journald
	$(SWIFT) build --build-tests
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
	$(SWIFT) build -c release --product m365bench
	$(SWIFT) build -c release --product m365sim
	"$$($(SWIFT) build -c release --show-bin-path)/m365bench" all

install: release
	install -D -m 0755 "$$($(SWIFT) build -c release --show-bin-path)/m365sync" "$(DESTDIR)$(PREFIX)/bin/m365sync"
	install -D -m 0644 systemd/m365sync.service "$(DESTDIR)$(UNITDIR)/m365sync.service"
	install -D -m 0644 systemd/m365sync.catalog "$(DESTDIR)$(CATALOGDIR)/m365sync.catalog"
	# The service runs as a dynamic user: configuration is world-readable, secrets reach it through
	# LoadCredential= from a root-only folder (see docs/operations.md).
	install -d -m 0755 "$(DESTDIR)$(CONFIGDIR)" "$(DESTDIR)$(CONFIGDIR)/jobs.d"
	install -d -m 0700 "$(DESTDIR)$(CONFIGDIR)/secrets"
	test -e "$(DESTDIR)$(CONFIGDIR)/m365sync.json" || install -m 0644 config/m365sync.json "$(DESTDIR)$(CONFIGDIR)/m365sync.json"
	install -d -m 0755 "$(DESTDIR)$(PREFIX)/share/m365sync/examples"
	cp -r config/. "$(DESTDIR)$(PREFIX)/share/m365sync/examples/"
	-test -z "$(DESTDIR)" && command -v journalctl >/dev/null && journalctl --update-catalog
	-test -z "$(DESTDIR)" && command -v systemctl >/dev/null && systemctl daemon-reload

uninstall:
	rm -f "$(DESTDIR)$(PREFIX)/bin/m365sync" "$(DESTDIR)$(UNITDIR)/m365sync.service" "$(DESTDIR)$(CATALOGDIR)/m365sync.catalog"

clean:
	rm -rf .build
