#!/usr/bin/env bash
# Installs Debian's Redis for the scale-out tests (tests/Kinerja.ScaleOut.Tests start /usr/bin/redis-server
# themselves on a free port; the Debian service is not used). Idempotent: does nothing when it is there.
set -euo pipefail
if [ -x /usr/bin/redis-server ]; then
  echo "redis-server present: $(/usr/bin/redis-server --version | awk '{print $3}')"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq redis-server >/dev/null
# The package starts a system service on 6379; the tests do not need it.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet redis-server 2>/dev/null; then
  systemctl stop redis-server || true
fi
echo "redis-server installed: $(/usr/bin/redis-server --version | awk '{print $3}')"
