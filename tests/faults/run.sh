#!/usr/bin/env bash
# Fault injection against the built binary (tests/faults/README.md):
#  (a) SIGKILL a real `qinglian run` at random points: the store must pass
#      PRAGMA integrity_check and `audit verify`, hold either the old or the
#      new state (never half), and no temporary or half-written rejects file
#      may be visible;
#  (b) a full disk (a small tmpfs) during `run` and during `export`: one clear
#      error line, a non-zero exit, the store unchanged, nothing half-written;
#  (c) readers (`leads`, `report`, `show 1`) in a loop during a run: they
#      succeed, never wait long, and see the old or the new state.
# Prints what it tried and what held; exits 1 when any check failed.
#
# Usage: tests/faults/run.sh [BUILD_DIR]     (default: build; `make build` first)
# Environment: ITERATIONS (kills in (a), default 10), SEED (default: random),
# MAX_WAIT (seconds a reader may take in (c), default 5).
set -uo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(realpath -m "${1:-$root/build}")
bin=$build/qinglian
iterations=${ITERATIONS:-10}
seed=${SEED:-$RANDOM}
max_wait=${MAX_WAIT:-5}
for tool in sqlite3 md5sum timeout; do
  command -v $tool >/dev/null || { echo "tests/faults/run.sh: $tool not found" >&2; exit 2; }
done
[ -x "$bin" ] || { echo "tests/faults/run.sh: no $bin (run make build)" >&2; exit 2; }

work=$(mktemp -d -t qinglian-faults.XXXXXX)
mnt=$work/disk
mounted=false
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null; done
  $mounted && umount "$mnt" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work" || exit 2

failures=0
ok() { echo "    ok    $*"; }
bad() {
  echo "    FAIL  $*"
  failures=$((failures + 1))
}
# check DESCRIPTION COMMAND...: runs the command, reports whether it held.
check() {
  local what=$1
  shift
  if "$@"; then ok "$what"; else bad "$what"; fi
}

q() { "$bin" --db "$@"; }
# What a run changes, without times: runs, sources, coverage, leads, the runs
# that saw them and their events.
digest() {
  sqlite3 "$1" "SELECT id, status, leads_new, leads_seen, offence_rows, persons FROM runs ORDER BY id;
                SELECT run_id, kind, path, rows, accepted FROM sources ORDER BY id;
                SELECT count(*) FROM coverage;
                SELECT id, lead_key, status, first_run, last_run FROM leads ORDER BY id;
                SELECT count(*) FROM lead_runs;
                SELECT count(*) FROM lead_events;" 2>&1 | md5sum | cut -c1-12
}
integrity() { [ "$(sqlite3 "$1" 'PRAGMA integrity_check' 2>&1)" = ok ]; }
audit_ok() { q "$1" -q audit verify >/dev/null 2>&1; }
state_of() {
  case $(digest "$1") in
    "$old") echo old ;;
    "$new") echo new ;;
    *) echo "neither old nor new ($(digest "$1"))" ;;
  esac
}
# Files in a directory other than the ones named, e.g. a temporary.
others() {
  local dir=$1
  shift
  find "$dir" -mindepth 1 -maxdepth 1 -printf '%f\n' | sort | grep -vxF -f <(printf '%s\n' "$@") |
    tr '\n' ' '
}
one_error_line() { [ "$(wc -l <"$1")" -eq 1 ] && grep -q '^qinglian: ' "$1"; }
now() { date +%s.%N; }
seconds_since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }

echo "fault injection with $bin (seed $seed, work dir $work)"
echo "setup: 200,000 employees and 1,000,000 offences (qinglian gen)"
"$bin" gen --out in --employees 200000 --offences 1000000 --seed 1 >/dev/null || exit 2
run1=(run --employees in/employees.csv --offences in/offences_public_security.csv
  --as-of 2024-12-31 --max-reject-rate 1)
# Run 2 names its second offence file as any record kind is named.
run2=(run --employees in/employees.csv --offences in/offences_traffic.csv
  --input offences=in/offences_public_security.csv --as-of 2024-12-31 --max-reject-rate 1)
q old.db -q "${run1[@]}" >/dev/null || exit 2
mkdir ref
cp old.db new.db
start=$(now)
q new.db -q "${run2[@]}" --rejects ref/rejects.csv >/dev/null || exit 2
duration=$(seconds_since "$start")
old=$(digest old.db)
new=$(digest new.db)
echo "  old state: run 1 ($old); new state: run 2 on top, $duration s uninterrupted ($new)"
[ "$old" != "$new" ] || { echo "setup: run 2 changed nothing" >&2; exit 2; }
q new.db -q export --out ref/leads.csv >/dev/null || exit 2
for f in ref/rejects.csv ref/leads.csv; do
  check "$f (personal data) is owner-only: mode $(stat -c %a "$f")" test "$(stat -c %a "$f")" = 600
done

echo
echo "(a) SIGKILL during run, $iterations times at random points, and once paused before commit"
kill_run() { # DELAY [ENV...]: starts run 2 on a copy of the old store, kills it after DELAY
  local delay=$1
  shift
  rm -rf out k.db k.db-wal k.db-shm
  mkdir out
  cp old.db k.db
  env "$@" "$bin" --db k.db -q "${run2[@]}" --rejects out/rejects.csv >/dev/null 2>out.err &
  local pid=$!
  pids+=("$pid")
  if [ "$delay" = paused ]; then
    for _ in $(seq 600); do
      grep -q 'paused before commit' out.err && break
      sleep 0.1
    done
  else
    sleep "$delay"
  fi
  if kill -0 "$pid" 2>/dev/null; then
    kill -9 "$pid"
    killed=yes
  else
    killed="no, it had finished"
  fi
  wait "$pid" 2>/dev/null
  rm -f out.err
}
check_after_kill() {
  check "store integrity_check" integrity k.db
  check "audit verify" audit_ok k.db
  local state
  state=$(state_of k.db)
  if [ "$state" = old ] || [ "$state" = new ]; then ok "state: $state"; else bad "state: $state"; fi
  local extra
  extra=$(others out rejects.csv)
  if [ -n "$extra" ]; then bad "left behind in the output directory: $extra"; fi
  if [ -e out/rejects.csv ]; then
    if cmp -s out/rejects.csv ref/rejects.csv; then
      [ "$state" = new ] && ok "rejects file whole" || bad "rejects file whole, but the store is old"
    else
      bad "rejects file half-written ($(wc -c <out/rejects.csv) of $(wc -c <ref/rejects.csv) bytes)"
    fi
  elif [ -z "$extra" ]; then
    [ "$state" = old ] && ok "no rejects file" || bad "no rejects file, but the store is new"
  fi
}
for i in $(seq "$iterations"); do
  # Mostly anywhere in the run; every third kill aims at its last tenth (the store's part).
  delay=$(awk -v s="$seed" -v i="$i" -v d="$duration" 'BEGIN { srand(s * 1000 + i); r = rand();
    printf "%.2f", (i % 3 == 0) ? d * (0.9 + 0.15 * r) : 0.05 + d * 1.05 * r }')
  kill_run "$delay"
  echo "  kill $i after $delay s (killed: $killed)"
  check_after_kill
done
kill_run paused QINGLIAN_FAULT=pause-before-commit
echo "  kill while paused inside the run's transaction (killed: $killed)"
check_after_kill

echo
echo "(b) a full disk during run and export"
fresh_disk() { # SIZE_KB FREE_KB [FILE]: a new tmpfs of SIZE_KB holding FILE, about FREE_KB left
  $mounted && umount "$mnt"
  mounted=false
  mkdir -p "$mnt"
  mount -t tmpfs -o "size=${1}k,mode=0700" tmpfs "$mnt" 2>mount.err || return 1
  mounted=true
  [ -z "${3:-}" ] || cp "$3" "$mnt/" || return 1
  local used
  used=$(du -sk "$mnt" | cut -f1)
  head -c $((($1 - $2 - used) * 1024)) /dev/zero >"$mnt/filler" 2>/dev/null
  return 0
}
expect_failure() { # NAME RC: a clean refusal
  check "$1 exits non-zero (exit $2)" test "$2" -ne 0
  if one_error_line err; then ok "one error line: $(cat err)"; else
    bad "not one error line: $(head -c 600 err | tr '\n' '|')"
  fi
}
if ! fresh_disk 1024 16; then
  echo "  skipped: cannot mount a tmpfs here ($(cat mount.err))"
else
  echo "  run with its rejects file ($(wc -c <ref/rejects.csv) bytes) on a disk with 16 kB free"
  cp old.db b.db
  q b.db -q "${run2[@]}" --rejects "$mnt/rejects.csv" >/dev/null 2>err
  expect_failure run $?
  check "store unchanged" test "$(state_of b.db)" = old
  check "store intact (integrity_check, audit verify)" eval 'integrity b.db && audit_ok b.db'
  extra=$(others "$mnt" filler)
  check "nothing left on the disk${extra:+ (found: $extra)}" test -z "$extra"

  cp old.db s.db
  fresh_disk $(($(du -k s.db | cut -f1) + 512)) 200 s.db
  echo "  run with the store itself on a disk with 200 kB free after it"
  q "$mnt/s.db" -q "${run2[@]}" >/dev/null 2>err
  expect_failure run $?
  check "store intact (integrity_check)" integrity "$mnt/s.db"
  check "audit verify" audit_ok "$mnt/s.db"
  check "store unchanged" test "$(state_of "$mnt/s.db")" = old
  extra=$(others "$mnt" filler s.db s.db-wal s.db-shm)
  check "nothing else left on the disk${extra:+ (found: $extra)}" test -z "$extra"

  for format in csv xlsx; do
    fresh_disk 1024 16
    echo "  export --format $format of $(($(wc -l <<<"$(q new.db leads --format csv)") - 1)) leads to a disk with 16 kB free"
    cp new.db e.db
    q e.db -q export --format "$format" --out "$mnt/leads.$format" >/dev/null 2>err
    expect_failure export $?
    check "leads and runs unchanged" test "$(state_of e.db)" = new
    check "audit verify" audit_ok e.db
    extra=$(others "$mnt" filler)
    check "nothing left on the disk${extra:+ (found: $extra)}" test -z "$extra"
  done
  umount "$mnt" && mounted=false
fi

echo
echo "(c) readers during a run: leads, report, show 1 (each may take up to $max_wait s)"
normalised() { sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z/TIME/g' | md5sum | cut -c1-12; }
declare -A want_old want_new
readers=("leads --format csv" "report" "show 1")
for r in "${readers[@]}"; do
  # shellcheck disable=SC2086  # a reader is words
  want_old[$r]=$(q old.db -q $r | normalised)
  # shellcheck disable=SC2086
  want_new[$r]=$(q new.db -q $r | normalised)
done
cp old.db c.db
q c.db -q "${run2[@]}" >/dev/null 2>run.err &
run_pid=$!
pids+=("$run_pid")
calls=0 failed=0 slow=0 wrong=0 saw_old=0 saw_new=0 longest=0
reader_round() {
  for r in "${readers[@]}"; do
    local t0 rc got took
    t0=$(now)
    # shellcheck disable=SC2086
    timeout 30 "$bin" --db c.db -q $r >reader.out 2>reader.err
    rc=$?
    got=$(normalised <reader.out)
    took=$(seconds_since "$t0")
    calls=$((calls + 1))
    longest=$(awk -v a="$longest" -v b="$took" 'BEGIN { print (b > a) ? b : a }')
    if [ "$rc" -ne 0 ]; then
      failed=$((failed + 1))
      [ "$failed" -le 3 ] && bad "$r: exit $rc after $took s: $(head -c 200 reader.err)"
    elif awk -v t="$took" -v m="$max_wait" 'BEGIN { exit !(t > m) }'; then
      slow=$((slow + 1))
      [ "$slow" -le 3 ] && bad "$r took $took s"
    elif [ "$got" = "${want_old[$r]}" ]; then
      saw_old=$((saw_old + 1))
    elif [ "$got" = "${want_new[$r]}" ]; then
      saw_new=$((saw_new + 1))
    else
      wrong=$((wrong + 1))
      [ "$wrong" -le 3 ] && bad "$r saw neither the old nor the new state"
    fi
  done
}
while kill -0 "$run_pid" 2>/dev/null; do reader_round; done
wait "$run_pid"
run_rc=$?
reader_round # after the run: the new state
check "the run itself succeeded (exit $run_rc)" test "$run_rc" -eq 0
echo "    $calls reader calls: $((calls - failed - slow - wrong)) fine ($saw_old saw the old state," \
  "$saw_new the new), $failed failed, $slow slower than $max_wait s, $wrong saw another state;" \
  "longest $longest s"
check "every reader succeeded in time and saw the old or new state" \
  test $((failed + slow + wrong)) -eq 0
check "store after the run: new state" test "$(state_of c.db)" = new

echo
if [ "$failures" -gt 0 ]; then
  echo "$failures checks failed"
  exit 1
fi
echo "every check held"
