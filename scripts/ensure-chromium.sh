#!/usr/bin/env bash
# Installs Debian's Chromium and ChromeDriver for the browser tests, only when Chromium is missing.
# Needs root (or sudo) and Debian's package repositories.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
	exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
	SUDO="sudo"
fi

echo "ensure-chromium: /usr/bin/chromium not found; installing Debian's chromium and chromium-driver" >&2
$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y chromium chromium-driver
