#!/usr/bin/env bash
# Debian's Chromium for the editor suite (npm run test:editor), which drives it with playwright-core: the
# browser comes from the distribution, never from a download of Playwright's own.
set -euo pipefail
if [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
	"${CHROMIUM_PATH:-/usr/bin/chromium}" --version 2>/dev/null || true
	exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
	echo "Chromium is missing: run 'sudo apt-get install -y chromium' (Debian/Ubuntu), or set CHROMIUM_PATH" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium >/dev/null
/usr/bin/chromium --version 2>/dev/null || true
