#!/usr/bin/env bash
# Install headless Chromium and its driver from Debian's packages, for the browser test
# (tests/browser). Does nothing when /usr/bin/chromium is already there. Playwright drives this
# Chromium through executable_path; `playwright install` (which downloads its own browser
# build) is never used.
#
# Exit status: 0 when Chromium is available afterwards, 1 when it could not be installed (no
# root, no package index); the browser test then skips and says why.
set -euo pipefail

CHROMIUM=/usr/bin/chromium
if [ -x "$CHROMIUM" ]; then
  echo "install_browser: $("$CHROMIUM" --version 2>/dev/null || echo chromium) already installed"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO=(sudo -n)
else
  echo "install_browser: not root and no password-less sudo; cannot install chromium" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
echo "install_browser: installing chromium and chromium-driver (Debian packages)"
"${SUDO[@]}" apt-get update -q
"${SUDO[@]}" apt-get install -y -q chromium chromium-driver

if [ ! -x "$CHROMIUM" ]; then
  echo "install_browser: apt-get finished but $CHROMIUM is missing" >&2
  exit 1
fi
echo "install_browser: $("$CHROMIUM" --version 2>/dev/null || echo chromium) installed"
