#!/usr/bin/env bash
# Installs Debian's faketime (libfaketime) for the faked-date test runs in .ci/run: the suite must pass on the first
# working day of January and on the last evening of a month in WIT. Idempotent: does nothing when it is there.
set -euo pipefail
if command -v faketime >/dev/null 2>&1; then
  echo "faketime present: $(dpkg-query -W -f='${Version}' faketime 2>/dev/null || echo unknown version)"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq faketime >/dev/null
echo "faketime installed: $(dpkg-query -W -f='${Version}' faketime 2>/dev/null || echo unknown version)"
