#!/usr/bin/env bash
# End-to-end tests of the AI code against a real llama.cpp server with the
# tiny deterministic model (../shared/tools). The server is built once per
# machine into a cache outside the repo ($DUANJU_LLAMA_CACHE, default
# /var/cache/duanju-llama); later runs only start it. Each test starts its
# own server on a free 127.0.0.1 port and stops it by PID.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tools=${DUANJU_TOOLS:-$(cd "$root/../shared/tools" 2>/dev/null && pwd || true)}
if [[ -z $tools || ! -x $tools/llama-server.sh ]]; then
  echo "llama-e2e: ../shared/tools/llama-server.sh not found (set DUANJU_TOOLS)" >&2
  # CI always has ../shared; a newcomer's clone may not: skip, don't fail.
  if [[ ${CI:-} == true ]]; then exit 2; fi
  echo "llama-e2e: skipped" >&2
  exit 0
fi
"$tools/llama-server.sh" build >/dev/null
cd "$root"
DUANJU_LLAMA=1 DUANJU_TOOLS="$tools" go test -count=1 -run Llama ./ai/... ./cmd/duanju-cli/ "$@"
