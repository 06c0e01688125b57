#!/usr/bin/env bash
# Installs Debian's aiosmtpd for the notification tests (tests/Kinerja.Dashboard.Tests/Notifications start
# `/usr/bin/python3 -m aiosmtpd` themselves on a free port). Idempotent: does nothing when it is there.
set -euo pipefail
if /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null; then
  echo "aiosmtpd present: $(/usr/bin/python3 -c 'import aiosmtpd; print(aiosmtpd.__version__)')"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq python3-aiosmtpd >/dev/null
echo "aiosmtpd installed: $(/usr/bin/python3 -c 'import aiosmtpd; print(aiosmtpd.__version__)')"
