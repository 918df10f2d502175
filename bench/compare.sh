#!/usr/bin/env bash
# The nightly job at scale: 1,000,000 employee records x 5,000,000 offence
# records (about 1.2 GB of UTF-8 CSV), done by `qinglian run` and by DuckDB
# (the npm package @duckdb/node-api) in the same script. Prints wall time and
# peak memory of each and the ratio; qinglian's own figures split into load,
# join and store. Usage: bench/compare.sh [WORKDIR]   (default /tmp/qinglian-bench)
set -euo pipefail
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (Debian's time package)" >&2; exit 1; }
source "$(dirname "$0")/inputs.sh"
if [ ! -d bench/.duckdb/node_modules/@duckdb/node-api ]; then
  npm install --silent --no-save --prefix bench/.duckdb @duckdb/node-api >/dev/null
fi

rm -f "$work/bench.db" "$work/bench.db-wal" "$work/bench.db-shm" "$work/leads.duckdb" "$work/leads.duckdb.wal"
# Look back 100 years: DuckDB's join has no look-back either.
/usr/bin/time -f "%e %M" -o "$work/q.time" build/qinglian --db "$work/bench.db" -q run \
  --employees "$work/employees.csv" --offences "$work/offences_traffic.csv" "$work/offences_public_security.csv" \
  --as-of 2024-12-31 --lookback-years 100 --json >"$work/q.json"
read -r q_secs q_kb <"$work/q.time"
q_leads=$(grep -A3 '"leads"' "$work/q.json" | grep '"new"' | tr -dc 0-9)

# Run from beside its node_modules: ES modules do not read NODE_PATH.
cp bench/duckdb_join.mjs bench/.duckdb/
node bench/.duckdb/duckdb_join.mjs "$work/employees.csv" "$work/offences_traffic.csv" \
  "$work/offences_public_security.csv" "$work/leads.duckdb" >"$work/d.json"
d_secs=$(sed 's/.*"seconds":\([0-9.]*\).*/\1/' "$work/d.json")
d_mb=$(sed 's/.*"peak_rss_mb":\([0-9]*\).*/\1/' "$work/d.json")
d_leads=$(sed 's/.*"leads":\([0-9]*\).*/\1/' "$work/d.json")

printf '%-10s %8s %12s %8s\n' "" "seconds" "peak MB" "leads"
printf '%-10s %8.2f %12d %8d\n' qinglian "$q_secs" $((q_kb / 1024)) "$q_leads"
printf '%-10s %8.2f %12d %8d\n' duckdb "$d_secs" "$d_mb" "$d_leads"
awk -v q="$q_secs" -v d="$d_secs" -v qm="$q_kb" -v dm="$d_mb" \
  'BEGIN { printf "qinglian takes %.2f of DuckDB'"'"'s time and %.2f of its peak memory\n", q / d, qm / 1024 / dm }'
echo "qinglian's phases, in seconds:"
sed -n '/"phases_seconds"/,/}/p' "$work/q.json" | grep -v phases_seconds | tr -d ' ,}"' | sed '/^$/d; s/^/  /'
