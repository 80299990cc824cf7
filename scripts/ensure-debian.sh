#!/usr/bin/env bash
# Usage: ensure-debian.sh COMMAND PACKAGE...
# Installs the Debian packages with apt-get when COMMAND (a name on PATH or a path) is missing, and
# does nothing otherwise. Needs root (or sudo) and Debian's package repositories.
set -euo pipefail

cmd="$1"
shift
if command -v "$cmd" >/dev/null 2>&1; then
	exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
	SUDO="sudo"
fi

echo "ensure-debian: $cmd not found; installing Debian's $*" >&2
$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y "$@"
