#!/usr/bin/env bash
# Install headless Chromium and its driver from Debian's packages, for the browser test
# (tests/browser), and LibreOffice Calc for the CSV test (tests/cli/test_csv_libreoffice.py).
# Does nothing for a program that is already there. Playwright drives this
# Chromium through executable_path; `playwright install` (which downloads its own browser
# build) is never used.
#
# Exit status: 0 when Chromium is available afterwards, 1 when it could not be installed (no
# root, no package index); the browser test then skips and says why.
set -euo pipefail

CHROMIUM=/usr/bin/chromium
PACKAGES=()
[ -x "$CHROMIUM" ] || PACKAGES+=(chromium chromium-driver)
command -v soffice >/dev/null 2>&1 || PACKAGES+=(libreoffice-calc-nogui)
if [ ${#PACKAGES[@]} -eq 0 ]; then
  echo "install_browser: chromium and libreoffice already installed"
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
echo "install_browser: installing ${PACKAGES[*]} (Debian packages)"
"${SUDO[@]}" apt-get update -q
"${SUDO[@]}" apt-get install -y -q "${PACKAGES[@]}"

if [ ! -x "$CHROMIUM" ]; then
  echo "install_browser: apt-get finished but $CHROMIUM is missing" >&2
  exit 1
fi
echo "install_browser: $("$CHROMIUM" --version 2>/dev/null || echo chromium) installed"
