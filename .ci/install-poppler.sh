#!/usr/bin/env bash
# Installs Debian's poppler-utils: the report document tests read the generated PDFs back with pdftotext (an
# independent reader). Idempotent: does nothing when it is there.
set -euo pipefail
if command -v pdftotext >/dev/null 2>&1; then
  echo "poppler-utils present: $(dpkg-query -W -f='${Version}' poppler-utils 2>/dev/null || echo unknown version)"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq poppler-utils >/dev/null
echo "poppler-utils installed: $(dpkg-query -W -f='${Version}' poppler-utils 2>/dev/null || echo unknown version)"
