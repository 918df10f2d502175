#!/usr/bin/env bash
# Builds the libFuzzer harnesses (clang, in build-fuzz/) and runs each for
# SECONDS on a fresh copy of its seed corpus fuzz/corpus/NAME, one after the
# other. Prints per harness the executions, executions per second, coverage
# (libFuzzer's cov: and ft:) and the corpus size at the end. Exits non-zero
# when any harness crashed, leaked, timed out or broke an invariant; the input
# that did it stays in build-fuzz/runs/NAME/ with the log (fuzz-0.log).
#
# Usage: fuzz/run.sh SECONDS [NAME...]     CI: fuzz/run.sh 15 (about 3 min
#                                          of fuzzing plus the build)
# Environment: FUZZ_BUILD (default build-fuzz), JOBS (build jobs, default nproc),
# FUZZ_FLAGS (more libFuzzer flags for every harness).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

usage="usage: fuzz/run.sh SECONDS [NAME...]"
seconds=${1:?$usage}
[[ $seconds =~ ^[0-9]+$ && $seconds -gt 0 ]] || { echo "$usage" >&2; exit 2; }
shift
all=(csv employees offences feedback idcard date bac xlsx model kind)
names=("$@")
[ ${#names[@]} -gt 0 ] || names=("${all[@]}")
build=$(realpath -m "${FUZZ_BUILD:-build-fuzz}")

if ! command -v clang++ >/dev/null; then
  echo "fuzz/run.sh: clang++ not found (apt-get install clang libclang-rt-14-dev)" >&2
  exit 1
fi

# -O1 keeps the harnesses fast; a Debug build keeps the library's asserts;
# line tables alone give stack traces their files and lines at a fifth less
# build time than full debug information.
CC=clang CXX=clang++ cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS=-O1 \
  -DCMAKE_CXX_FLAGS_DEBUG=-gline-tables-only -DQINGLIAN_FUZZ=ON -DQINGLIAN_TESTS=OFF \
  -DQINGLIAN_BENCH=OFF -DQINGLIAN_WERROR=ON >/dev/null
cmake --build "$build" -j "${JOBS:-$(nproc)}" --target qinglian_fuzzers -- --no-print-directory

# The dictionary and the largest input of each harness: loaders and
# workbooks need inputs past one 4 kB chunk.
declare -A dict=([csv]=csv [employees]=loader [offences]=loader [feedback]=loader [idcard]=idcard
  [date]=date [bac]=loader [xlsx]=xlsx [model]=model [kind]=kind)
declare -A max_len=([csv]=4096 [employees]=16384 [offences]=16384 [feedback]=8192 [idcard]=256
  [date]=256 [bac]=256 [xlsx]=16384 [model]=4096 [kind]=4096)

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

# A line of libFuzzer's -print_final_stats output.
final_stat() { sed -n "s/^stat::$1: *//p" "$log" | tail -1; }

failed=()
printf '%-10s %10s %8s %7s %7s %15s  %s\n' harness execs exec/s cov ft "corpus files/kB" result
for name in "${names[@]}"; do
  [ -n "${dict[$name]:-}" ] || { echo "fuzz/run.sh: no harness named $name" >&2; exit 2; }
  dir="$build/runs/$name"
  rm -rf "$dir"
  mkdir -p "$dir/corpus"
  cp fuzz/corpus/"$name"/* "$dir/corpus/"
  rc=0
  # shellcheck disable=SC2086  # FUZZ_FLAGS is a list of flags
  (cd "$dir" && "$build/fuzz/fuzz_$name" -jobs=1 -workers=1 \
    -max_total_time="$seconds" -timeout=10 -max_len="${max_len[$name]}" \
    -dict="$root/fuzz/dict/${dict[$name]}.dict" -print_final_stats=1 -artifact_prefix=./ \
    ${FUZZ_FLAGS:-} corpus >main.log 2>&1) || rc=$?
  log="$dir/fuzz-0.log"
  [ -f "$log" ] || log="$dir/main.log"
  last=$(grep -E '(cov|ft): [0-9]+' "$log" | tail -1 || true)
  cov=$(sed -nE 's/.*cov: ([0-9]+).*/\1/p' <<<"$last")
  ft=$(sed -nE 's/.*ft: ([0-9]+).*/\1/p' <<<"$last")
  files=$(find "$dir/corpus" -type f | wc -l)
  kb=$(($(find "$dir/corpus" -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}') / 1024))
  artifacts=$(find "$dir" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'leak-*' \
    -o -name 'timeout-*' -o -name 'oom-*' \) | sort)
  result=ok
  if [ "$rc" -ne 0 ] || [ -n "$artifacts" ]; then
    result="FAILED (exit $rc) ${artifacts:-no input saved}"
    failed+=("$name")
  fi
  printf '%-10s %10s %8s %7s %7s %15s  %s\n' "$name" "$(final_stat number_of_executed_units)" \
    "$(final_stat average_exec_per_sec)" "${cov:-?}" "${ft:-?}" "$files/$kb" "$result"
  if [ "$result" != ok ]; then
    { grep -E 'invariant broken|^SUMMARY|ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error|what\(\)' \
      "$log" || true; } | head -5 | sed 's/^/    /'
    # The innermost frame in the library, the place to look first.
    sed -nE 's/^ *#[0-9]+ 0x[0-9a-f]+ in (qinglian::(\(anonymous namespace\)|[^(])*)\(.* ([^ ]+:[0-9]+)(:[0-9]+)?$/    first library frame: \1 \3/p' \
      "$log" | { grep -v 'qinglian::fuzz::' || true; } | head -1
    echo "    log: $log"
  fi
done

echo "fuzz: $((${#names[@]} - ${#failed[@]})) passed, ${#failed[@]} failed"
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz/run.sh: failed: ${failed[*]}" >&2
  exit 1
fi
