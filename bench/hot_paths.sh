#!/usr/bin/env bash
# The hot paths of a nightly run, each measured on its own (bench/hot_paths.cc),
# beside what reading the same files costs (`cat` to /dev/null, page cache
# warm) and the load average they were measured under.
#   usage: bench/hot_paths.sh EMPLOYEES.csv OFFENCES.csv [LEADS]
# The reference files are compare.sh's (WORKDIR/M/employees.csv, offences.csv).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
emp=${1:?usage: hot_paths.sh EMPLOYEES.csv OFFENCES.csv [LEADS]}
off=${2:?usage: hot_paths.sh EMPLOYEES.csv OFFENCES.csv [LEADS]}
make build >/dev/null
cat "$emp" "$off" >/dev/null
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load average $(cut -d' ' -f1-3 /proc/loadavg)"
bytes=$(($(stat -L -c %s "$emp") + $(stat -L -c %s "$off")))
start=$(date +%s.%N)
cat "$emp" "$off" >/dev/null
end=$(date +%s.%N)
awk -v b="$bytes" -v s="$start" -v e="$end" \
  'BEGIN { printf "%-24s %7.1f MB %6.2f s wall %18s %6.0f MB/s\n", "cat (page cache)", b / 1e6, e - s, "", b / 1e6 / (e - s) }'
build/hot_paths "$emp" "$off" ${3:+"$3"}
