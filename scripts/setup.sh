#!/usr/bin/env bash
# Installs the Debian packages optcheck needs. Idempotent: calls apt only when a package is missing.
# Usage: scripts/setup.sh            (as root, or with sudo available)
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libeigen3-dev          # dense and sparse linear algebra
  libspectra-dev         # Lanczos eigenvalues for large / sparse spectra
  librapidcheck-dev      # property-based testing with shrinking
  libboost-dev           # Boost.Multiprecision (header-only)
  libboost-test-dev      # Boost.Test
  libmpfr-dev libgmp-dev # MPFR backend for Boost.Multiprecision
  nlohmann-json3-dev     # JSON results files
  libcli11-dev           # command-line parsing
  libbenchmark-dev       # Google Benchmark (bench/)
  libqd-dev              # bench/: double-double (dd_real) as a candidate reference arithmetic
  gnuplot-nox            # plots in reports (SVG terminal)
  chromium fonts-dejavu-core  # headless rendering test of index.html (tests/html_test.sh)
  libgsl-dev             # examples/: GSL multimin through the black-box path
  coinor-libipopt-dev    # examples/: Ipopt on the KKT-by-construction QPs
  libnlopt-cxx-dev       # examples/: NLopt SLSQP on the same QPs
  libceres-dev           # examples/: Ceres steepest descent with its Armijo backtracking
  jq                     # tests: reading results.json in the shell tests
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages present"
  exit 0
fi

echo "setup: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
