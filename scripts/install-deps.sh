#!/usr/bin/env bash
# Installs every Debian 12 package that building, running and testing gongkai needs.
# Idempotent and non-interactive; uses sudo when not root. This is the one place packages are named.
set -euo pipefail

PACKAGES=(
  # toolchain
  ca-certificates cmake ninja-build mold ccache g++ pkg-config curl git
  # HTTP, JSON, URL
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  # storage
  libsqlite3-dev sqlite3 libpq-dev postgresql-15 postgresql-client-15
  # text and search; HTML5 parsing of document bodies (sanitiser)
  libxapian-dev python3-jieba libopencc-dev libgumbo-dev
  # templates, documents
  libkainjow-mustache-dev libcairo2-dev libpango1.0-dev fonts-noto-cjk libxlsxwriter-dev
  libzip-dev zipcmp zipmerge ziptool poppler-utils zlib1g-dev libexpat1-dev
  # security
  libsodium-dev libssl-dev
  # logs, formatting, CLI, config
  libspdlog-dev libfmt-dev libcli11-dev libtomlplusplus-dev
  # tests and benchmarks
  googletest libgtest-dev libgmock-dev libbenchmark-dev chromium chromium-driver nginx wrk bc procps
)

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${#missing[@]} package(s): ${missing[*]}"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# Node.js and npm come from the machine image (a newer Node than Debian's); Debian's own nodejs/npm
# are the fallback on a stock Debian 12 machine.
if ! command -v npm >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends nodejs npm
fi
