#!/usr/bin/env bash
# Installs Debian's Chromium and ChromeDriver for the browser tests, only when Chromium is missing.
exec "$(dirname "$0")/ensure-debian.sh" /usr/bin/chromium chromium chromium-driver
