#!/usr/bin/env bash
# Installs one Debian package a test needs, unless it is there: install-debian-package.sh PACKAGE PROBE...
# PROBE is a command that succeeds when the package is usable (e.g. `command -v pdftotext`). Idempotent.
#   faketime          the faked-date runs of .ci/run (first working day of January, last evening of a month in WIT)
#   python3-aiosmtpd  the notification tests start `/usr/bin/python3 -m aiosmtpd` as a real SMTP server
#   poppler-utils     the report document tests read the generated PDFs back with pdftotext (an independent reader)
set -euo pipefail
package=$1
shift
version() { dpkg-query -W -f='${Version}' "$package" 2>/dev/null || echo "unknown version"; }
if "$@" >/dev/null 2>&1; then
  echo "$package present: $(version)"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "$package" >/dev/null
"$@" >/dev/null 2>&1 || { echo "$package installed but '$*' still fails" >&2; exit 1; }
echo "$package installed: $(version)"
