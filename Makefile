# Duanju Studio — build, run and test.
#   make run    set up this machine (Debian, as root) and start the app on the demo series
#   make test   set up this machine and run every test (what CI runs)

GO        ?= go
TAGS      := migrated_fynedo,no_emoji
APT_PKGS  := gcc pkg-config libgl1-mesa-dev xorg-dev libgl1-mesa-dri xvfb xauth x11-utils imagemagick poppler-utils
# only the tests need these (make run stays local: no database server)
TEST_PKGS := xdotool postgresql
# the release build (make dist) and its Wine smoke test (make test-wine)
DIST_PKGS := gcc-mingw-w64-x86-64 nsis zip wine wine64 xdotool
export LANG ?= en_US.UTF-8

.PHONY: setup setup-test setup-dist dist dist-macos test-wine run build cli test test-unit test-smoke test-ai-e2e vet fmt-check bench fuzz room-setup

# setup installs the Debian packages Fyne's cgo build and the window tests need.
setup:
	@missing=""; for p in $(APT_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi
	@command -v $(GO) >/dev/null || { echo "Go 1.26 is required: https://go.dev/dl/"; exit 1; }

# setup-dist installs what make dist and the Wine test need.
setup-dist:
	@$(MAKE) --no-print-directory setup APT_PKGS="$(DIST_PKGS)"

# setup-test installs what only the tests need.
setup-test:
	@$(MAKE) --no-print-directory setup APT_PKGS="$(TEST_PKGS)"

# dist writes the release files to dist/ (Windows installer and zip, Linux
# tarball, duanju-cli for six platforms, SHA256SUMS); see .ci/dist.sh.
dist: setup setup-dist
	.ci/dist.sh all

# dist-macos builds the macOS app; it runs on a Mac only (README).
dist-macos:
	.ci/dist.sh macos

# test-wine installs the Windows build under Wine and Xvfb and runs it
# (cmd/duanju/wine_test.go); skipped where wine is not installed.
test-wine: setup setup-dist
	@if command -v wine >/dev/null; then \
		.ci/dist.sh windows && \
		DUANJU_WINE_SETUP="$(CURDIR)/$$(ls -t dist/duanju-studio-*-windows-amd64-setup.exe | head -1)" \
		timeout -k 10 1200 $(GO) test -count=1 -run Wine -v -timeout 18m ./cmd/duanju; \
	else echo "test-wine: wine is not installed, skipped"; fi

build: setup
	$(GO) build -tags $(TAGS) -o duanju ./cmd/duanju

cli:
	CGO_ENABLED=0 $(GO) build -o duanju-cli ./cmd/duanju-cli

run: build
	./duanju

vet:
	$(GO) vet -tags ci ./...

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

# test-unit runs every package's tests; UI tests use Fyne's headless driver
# (-tags ci). Not migrated_fynedo here: the test driver runs fyne.Do on the
# caller's goroutine, and that tag drops the locks such tests rely on.
test-unit:
	CGO_ENABLED=0 $(GO) build -o /dev/null ./cmd/duanju-cli
	@if $(GO) list -deps ./script/... ./ai/... ./cmd/duanju-cli | grep -q '^fyne.io/'; then echo "script/, ai/ or the CLI depend on Fyne"; exit 1; fi
	$(GO) test -tags ci -count=1 ./...
	# the panels' workers against live edits, under the race detector
	$(GO) test -race -tags ci -count=1 -run TestEditWhileWorkersRun ./ui/dock/docktest

# test-smoke builds the real app, starts it under Xvfb (demo, 100 episodes, and
# zh/en × light/dark at 1280×720 with their screenshots checked).
test-smoke:
	DUANJU_SMOKE=1 $(GO) test -tags $(TAGS) -count=1 -run Smoke -v ./cmd/duanju

# test-ai-e2e runs the AI client against a real llama.cpp server with a tiny model.
test-ai-e2e:
	@if [ -x .ci/llama-e2e.sh ]; then .ci/llama-e2e.sh; else echo "no AI e2e script"; fi

test: setup setup-test setup-dist fmt-check vet test-unit test-smoke test-wine test-ai-e2e

bench:
	$(GO) test -tags ci -run '^$$' -bench . -benchmem ./script/... ./ai/...

# fuzz runs every fuzz target for FUZZTIME each (make fuzz FUZZTIME=2m).
FUZZTIME ?= 30s
fuzz:
	@for pkg in $$($(GO) list ./script/... ./ai/... ./ui/...); do \
		for t in $$($(GO) test -tags ci -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
			echo "== $$pkg $$t"; \
			$(GO) test -tags ci -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
		done; \
	done

# room-setup installs PostgreSQL from Debian packages and creates the studio
# admin for a writers' room (README "Writers' room"). `make run` needs no server.
room-setup:
	.ci/room-setup.sh
