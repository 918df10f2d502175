#!/usr/bin/env bash
# Loading benchmark: generates 1,000,000 employee records and 5,000,000 offence
# records (about 1.2 GB of UTF-8 CSV) and prints MB/s, rows/s and peak memory
# for loading each kind. Usage: bench/load.sh [WORKDIR]   (default /tmp/qinglian-bench)
set -euo pipefail
source "$(dirname "$0")/inputs.sh"
build/load_bench "$work/employees.csv" "$work/offences_traffic.csv" "$work/offences_public_security.csv"
echo "ID validation on one core:"
build/id_bench
