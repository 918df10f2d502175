#!/usr/bin/env bash
# Precision and recall of the review queue on generated data whose truth is
# known: `gen --near N` plants roster persons whose ID number a spreadsheet
# or a slip damaged (some with their name written another way on the other
# record) and traps (a namesake born the same day in the same county, a
# namesake in another unit); the run finds the candidates; this compares
# them with near_truth.csv. Prints recall of the planted pairs, precision of
# the candidates (all of which are above the threshold), and how many leads
# were made from a roster row that could not be keyed (there must be none:
# nothing is a lead until a person says so).
#   [SEED=S] [OFFENCES=M] bench/near_match.sh [N] [EMPLOYEES] [WORKDIR]   (default 200 12000, a new temporary folder, seed 7)
set -euo pipefail
near=${1:-200}
employees=${2:-12000}
work=${3:-$(mktemp -d)}
bin=${QINGLIAN:-build/qinglian}
mkdir -p "$work"
rm -f "$work/near.db" "$work/near.db-wal" "$work/near.db-shm"
"$bin" gen --out "$work" --employees "$employees" --offences "${OFFENCES:-20000}" --near "$near" \
  --seed "${SEED:-7}" >/dev/null
"$bin" --db "$work/near.db" -q run --employees "$work/employees.csv" \
  --offences "$work/offences_traffic.csv" "$work/offences_public_security.csv" \
  --as-of 2024-12-31 --json >"$work/run.json"
"$bin" --db "$work/near.db" review --format json --unmask --reason "near-match benchmark" \
  >"$work/candidates.json"
"$bin" --db "$work/near.db" leads --format json --unmask --reason "near-match benchmark" \
  >"$work/leads.json"
python3 - "$work" <<'PY'
import csv, json, os, sys
work = sys.argv[1]
base = os.path.basename
truth = {}
for row in csv.DictReader(open(os.path.join(work, "near_truth.csv"), encoding="utf-8")):
    truth[(row["roster_file"], int(row["roster_line"]))] = row
cands = json.load(open(os.path.join(work, "candidates.json"), encoding="utf-8"))
found, right = set(), 0
for c in cands:
    line = (base(c["roster"]["file"]), c["roster"]["line"])
    t = truth.get(line)
    if t and t["true_id"] == c["other"]["id_number"]:
        right += 1
    found.add((line, base(c["other"]["file"]), c["other"]["line"]))
planted = [t for t in truth.values() if t["kind"] not in ("base_noise",) and t["trap"] == "0"]
hit = sum(1 for t in planted
          if ((t["roster_file"], int(t["roster_line"])), t["other_file"], int(t["other_line"])) in found)
traps = [t for t in truth.values() if t["trap"] == "1"]
def taken(t):
    return ((t["roster_file"], int(t["roster_line"])), t["other_file"], int(t["other_line"])) in found
trapped = sum(1 for t in traps if taken(t))
trap_kinds = {}
for t in traps:
    n, h = trap_kinds.get(t["kind"], (0, 0))
    trap_kinds[t["kind"]] = (n + 1, h + taken(t))
by_rule = {}
for c in cands:
    t = truth.get((base(c["roster"]["file"]), c["roster"]["line"]))
    n, r = by_rule.get(c["rule"], (0, 0))
    by_rule[c["rule"]] = (n + 1, r + bool(t and t["true_id"] == c["other"]["id_number"]))
unkeyed = {k for k in truth}
leads = json.load(open(os.path.join(work, "leads.json"), encoding="utf-8"))
unjudged = sum(1 for l in leads
               if (base(l["source"]["employee"]["file"]), l["source"]["employee"]["line"]) in unkeyed)
by_kind = {}
for t in planted:
    k = t["kind"]
    n, h = by_kind.get(k, (0, 0))
    by_kind[k] = (n + 1, h + (((t["roster_file"], int(t["roster_line"])), t["other_file"], int(t["other_line"])) in found))
print(f"planted pairs {len(planted)}, found {hit}: recall {hit / max(1, len(planted)):.3f}")
print("  " + ", ".join(f"{k} {h}/{n}" for k, (n, h) in sorted(by_kind.items())))
print(f"candidates {len(cands)}, right {right}: precision {right / max(1, len(cands)):.3f}")
print("  by rule: " + ", ".join(f"{k} {r}/{n} right" for k, (n, r) in sorted(by_rule.items())))
print(f"traps {len(traps)}, taken for a candidate {trapped}")
print("  " + ", ".join(f"{k} {h}/{n}" for k, (n, h) in sorted(trap_kinds.items())))
print(f"leads from a roster row not keyed (made without a judgement): {unjudged}")
PY
sed -n '/"phases_seconds"/,/}/p' "$work/run.json" | grep -v phases_seconds | tr -d ' ,}"' | sed '/^$/d; s/^/  /'
