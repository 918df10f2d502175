#!/usr/bin/env bash
# Loading benchmark: generates 1,000,000 employee records and 5,000,000 offence
# records (about 1.2 GB of UTF-8 CSV) and prints MB/s, rows/s and peak memory
# for loading each kind. Usage: bench/load.sh [WORKDIR]   (default /tmp/qinglian-bench)
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-/tmp/qinglian-bench}
make build >/dev/null
if [ ! -s "$work/offences_traffic.csv" ]; then
  echo "generating inputs in $work ..."
  build/qinglian gen --out "$work" --employees 1000000 --offences 5000000 --utf8 --seed 7 >/dev/null
fi
ls -l "$work"/*.csv | awk '{printf "  %-50s %6.0f MB\n", $NF, $5/1e6}'
# Warm the page cache so that the figures measure parsing, not the disk.
cat "$work"/*.csv >/dev/null
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
build/load_bench "$work/employees.csv" "$work/offences_traffic.csv" "$work/offences_public_security.csv"
echo "ID validation on one core:"
build/id_bench
