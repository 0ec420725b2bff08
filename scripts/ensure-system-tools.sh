#!/usr/bin/env bash
# Installs, from Debian, the browsers and the independent verifiers the tests use, when they are missing.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/firefox-esr ] || missing+=(firefox-esr)
command -v xmlsec1 >/dev/null || missing+=(xmlsec1)
command -v pdfsig >/dev/null || missing+=(poppler-utils)
command -v openssl >/dev/null || missing+=(openssl)
command -v unzip >/dev/null || missing+=(unzip)
command -v zip >/dev/null || missing+=(zip)
command -v qpdf >/dev/null || missing+=(qpdf)
command -v java >/dev/null || missing+=(default-jre-headless)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing from Debian: ${missing[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
