# Sourced by the benchmark scripts: builds qinglian and, once, generates
# 1,000,000 employee records and 5,000,000 offence records (about 1.2 GB of
# UTF-8 CSV) in $work (the first argument, default /tmp/qinglian-bench), then
# warms the page cache so that the figures measure work, not the disk.
cd "$(dirname "${BASH_SOURCE[0]}")/.."
work=${1:-/tmp/qinglian-bench}
make build >/dev/null
if [ ! -s "$work/offences_traffic.csv" ]; then
  echo "generating inputs in $work ..."
  build/qinglian gen --out "$work" --employees 1000000 --offences 5000000 --utf8 --seed 7 >/dev/null
fi
cat "$work"/*.csv >/dev/null
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); input $(du -ch "$work"/*.csv | tail -1 | cut -f1)"
