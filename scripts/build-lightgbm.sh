#!/usr/bin/env bash
# Builds LightGBM 4.6.0's CLI from the vendored source archive (benchmarks
# only; not part of the product) into DIR (default /tmp/lightgbm-4.6.0).
# The CLI is then DIR/LightGBM-4.6.0/lightgbm; point LIGHTGBM at it for
# `make bench-train`. About 4 minutes on 2 cores.
#
# Needs: apt-get install -y cmake g++ libeigen3-dev
# Usage: scripts/build-lightgbm.sh [DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=${1:-/tmp/lightgbm-4.6.0}
ARCHIVE=${LIGHTGBM_SRC:-../shared/vendor/lightgbm-4.6.0-src.tar.gz}
for tool in cmake g++ make; do
	command -v "$tool" >/dev/null || { echo "build-lightgbm: $tool missing (apt-get install -y cmake g++ libeigen3-dev)" >&2; exit 1; }
done
[[ -d /usr/include/eigen3 ]] || { echo "build-lightgbm: /usr/include/eigen3 missing (apt-get install -y libeigen3-dev)" >&2; exit 1; }
[[ -f $ARCHIVE ]] || { echo "build-lightgbm: $ARCHIVE not found" >&2; exit 1; }
mkdir -p "$DIR"
SRC=$DIR/LightGBM-4.6.0
if [[ ! -d $SRC ]]; then
	tar -xzf "$ARCHIVE" -C "$DIR"
fi
[[ -e $SRC/external_libs/eigen ]] || ln -s /usr/include/eigen3 "$SRC/external_libs/eigen"
cmake -S "$SRC" -B "$SRC/build" -DCMAKE_BUILD_TYPE=Release >&2
make -C "$SRC/build" -j"${JOBS:-2}" >&2
echo "$SRC/lightgbm"
