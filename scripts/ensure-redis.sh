#!/usr/bin/env bash
# Installs Debian's redis-server for the cluster tests and demo, only when it is missing. The tests
# use the Redis answering at 127.0.0.1:6379, or start their own on a free loopback port.
exec "$(dirname "$0")/ensure-debian.sh" redis-server redis-server
