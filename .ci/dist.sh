#!/usr/bin/env bash
# Release artefacts in dist/ (make dist runs `all`):
#   windows  the Windows x64 app packaged by `fyne package` (icon, version
#            and metadata from FyneApp.toml), an NSIS installer and a zip
#   linux    a tarball: the app, its .desktop file, icon and the .duanju MIME type
#   cli      duanju-cli for windows/linux/darwin × amd64/arm64 (CGO-free)
#   sums     SHA256SUMS over everything above
#   macos    the macOS app (on a Mac only; see README "Build from source")
# Names carry the version of FyneApp.toml (DUANJU_VERSION overrides it).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
GO=${GO:-go}
DIST=$ROOT/dist
TAGS=migrated_fynedo,no_emoji

version=$(sed -n 's/^[[:space:]]*Version[[:space:]]*=[[:space:]]*"\([^"]*\)".*/\1/p' FyneApp.toml | head -1)
code=$(sed -n 's/^const Version = "\([^"]*\)"/\1/p' script/version.go)
if [ "$version" != "$code" ]; then
	echo "FyneApp.toml says version $version, script/version.go says $code: make them equal" >&2
	exit 1
fi
VERSION=${DUANJU_VERSION:-$version}
NAME="Duanju Studio"   # FyneApp.toml's Details.Name: fyne package names the exe after it
mkdir -p "$DIST"

# fyne runs the pinned fyne.io/tools from .ci/tools (its own module, so the
# tool's newer Fyne does not upgrade the app's), built for this machine.
FYNE=$DIST/.tools/fyne
fyne() {
	env -u GOOS -u GOARCH CGO_ENABLED=0 "$GO" -C "$ROOT/.ci/tools" build -o "$FYNE" fyne.io/tools/cmd/fyne
	"$FYNE" "$@"
}

# with_metadata runs a command with FyneApp.toml beside the main package,
# where fyne package looks for it, the icon path made relative to it.
with_metadata() {
	local meta=cmd/duanju/FyneApp.toml
	sed 's#^\([[:space:]]*Icon[[:space:]]*=[[:space:]]*"\)#\1../../#' FyneApp.toml >"$meta"
	trap 'rm -f "$ROOT/cmd/duanju/FyneApp.toml"' EXIT
	"$@"
	rm -f "$meta"
	trap - EXIT
}

cli() {
	local os arch out
	for os in windows linux darwin; do
		for arch in amd64 arm64; do
			out="$DIST/duanju-cli-$VERSION-$os-$arch"
			[ "$os" = windows ] && out="$out.exe"
			CGO_ENABLED=0 GOOS=$os GOARCH=$arch "$GO" build -trimpath -ldflags "-s -w" -o "$out" ./cmd/duanju-cli
		done
	done
}

# stamp names the source the Windows build came from, so that make dist
# after make test (which built it for the Wine test) does not build it again.
stamp() { { git rev-parse HEAD && git diff HEAD && git ls-files --others --exclude-standard; } 2>/dev/null | sha256sum | cut -c1-16; }

windows() {
	local stage="$DIST/windows" base="duanju-studio-$VERSION-windows-amd64"
	if [ -f "$DIST/$base-setup.exe" ] && [ "$(cat "$stage/.stamp" 2>/dev/null)" = "$(stamp)" ]; then
		echo "windows: $base is up to date"
		return
	fi
	rm -rf "$stage" && mkdir -p "$stage"
	# fyne package builds with -H=windowsgui, and with --release also -s -w
	# -trimpath and the release tag; migrated_fynedo comes from FyneApp.toml.
	CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc \
		with_metadata fyne package --target windows --release --tags no_emoji --src "$ROOT/cmd/duanju"
	mv "cmd/duanju/$NAME.exe" "$stage/$NAME.exe"
	CGO_ENABLED=0 GOOS=windows GOARCH=amd64 "$GO" build -trimpath -ldflags "-s -w" -o "$stage/duanju-cli.exe" ./cmd/duanju-cli
	cp assets/fonts/OFL.txt "$stage/OFL.txt"
	convert assets/icon.png -define icon:auto-resize=256,48,32,16 "$stage/app.ico" # the installer's icon
	# the zip: unpack anywhere and run
	rm -f "$DIST/$base.zip"
	(cd "$stage" && zip -q -X -r "$DIST/$base.zip" "$NAME.exe" duanju-cli.exe OFL.txt)
	# the installer (Debian's nsis: makensis)
	makensis -V2 -INPUTCHARSET UTF8 -DVERSION="$VERSION" -DSTAGE="$stage" -DOUTFILE="$DIST/$base-setup.exe" .ci/duanju.nsi
	stamp >"$stage/.stamp"
}

linux() {
	local base="duanju-studio-$VERSION-linux-amd64" stage="$DIST/linux"
	local root="$stage/$base"
	rm -rf "$stage" && mkdir -p "$root"
	# no -trimpath: the same cache as make build and the smoke test
	CGO_ENABLED=1 "$GO" build -tags "$TAGS" -ldflags "-s -w" -o "$stage/duanju" ./cmd/duanju
	# fyne package on an existing binary writes the .desktop file and icon
	# from FyneApp.toml without building again.
	with_metadata fyne package --target linux --executable "$stage/duanju" --src "$ROOT/cmd/duanju"
	# keep its usr/ tree; fyne's Makefile puts " %F" into the binary's name, ours is below
	local tmp="$stage/fyne" usr
	mkdir -p "$tmp" && tar -xJf "$NAME.tar.xz" -C "$tmp" && rm -f "$NAME.tar.xz"
	usr=$(find "$tmp" -type d -name usr -print -quit)
	mv "$usr" "$root/usr" && rm -rf "$tmp"
	mkdir -p "$root/usr/local/share/mime/packages"
	cp .ci/linux/studio.duanju.app.xml "$root/usr/local/share/mime/packages/"
	cp .ci/linux/Makefile "$root/Makefile"
	cp assets/fonts/OFL.txt "$root/OFL.txt"
	CGO_ENABLED=0 "$GO" build -trimpath -ldflags "-s -w" -o "$root/usr/local/bin/duanju-cli" ./cmd/duanju-cli
	tar --sort=name --owner=0 --group=0 --numeric-owner -C "$stage" -cJf "$DIST/$base.tar.xz" "$base"
}

macos() {
	if [ "$(uname -s)" != Darwin ]; then
		echo "make dist-macos runs on a Mac (Xcode command line tools): macOS apps need Apple's SDK and codesign" >&2
		exit 2
	fi
	local arch base
	arch=$("$GO" env GOARCH)
	base="duanju-studio-$VERSION-macos-$arch"
	rm -rf "$DIST/macos" && mkdir -p "$DIST/macos"
	with_metadata fyne package --target darwin --release --tags no_emoji --src "$ROOT/cmd/duanju"
	mv "$NAME.app" "$DIST/macos/"
	# PLACEHOLDER-CODESIGN: sign with your Developer ID (needs an Apple
	# developer account), e.g.
	#   codesign --deep --force --options runtime --sign "Developer ID Application: NAME (TEAMID)" "dist/macos/Duanju Studio.app"
	# PLACEHOLDER-NOTARISE: notarise and staple, e.g.
	#   ditto -c -k --keepParent "dist/macos/Duanju Studio.app" dist/macos/notarise.zip
	#   xcrun notarytool submit dist/macos/notarise.zip --keychain-profile PROFILE --wait
	#   xcrun stapler staple "dist/macos/Duanju Studio.app"
	(cd "$DIST/macos" && ditto -c -k --keepParent "$NAME.app" "$DIST/$base.zip")
}

sums() {
	(cd "$DIST" && rm -f SHA256SUMS && find . -maxdepth 1 -type f \( -name 'duanju-*' \) -printf '%f\n' | LC_ALL=C sort | xargs sha256sum >SHA256SUMS)
	ls -l "$DIST"
}

for step in "${@:-all}"; do
	case $step in
	all) windows && linux && cli && sums ;;
	windows | linux | cli | sums | macos) "$step" ;;
	*)
		echo "usage: $0 [all|windows|linux|cli|sums|macos]..." >&2
		exit 2
		;;
	esac
done
