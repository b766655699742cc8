#!/usr/bin/env bash
# Fuzzes each Jazzer target for DURATION (default 5m; Jazzer's notation: 30s, 10m, 1h) and prints
# the figures libFuzzer reports at the end of each run. CI runs it with a short duration.
#
#   src/bench/fuzz.sh [DURATION]
#
# The corpus grows under .cifuzz-corpus/ and is kept between runs (it is not in git). A finding
# fails its target, the script's exit status says so, and the input is written to the target's
# Inputs directory under src/test/resources, from where `mvn verify` replays it once committed.
set -euo pipefail
cd "$(dirname "$0")/../.."
duration="${1:-5m}"
targets=(fuzz-ntlm-challenge fuzz-ntlm-acceptor fuzz-encrypted-body fuzz-response)
logs=target/fuzz-logs
mkdir -p "$logs"

mvn -B -q -Dstyle.color=never -Pfuzz test-compile

status=0
for t in "${targets[@]}"; do
  # One Maven call per target: Jazzer fuzzes one test per JVM, and a finding in one target
  # must not keep the others from running.
  if mvn -B -Dstyle.color=never -Pfuzz "surefire:test@$t" -Dfuzz.duration="$duration" >"$logs/$t.log" 2>&1; then
    echo "ok" >"$logs/$t.result"
  else
    echo "FAILED" >"$logs/$t.result"
    status=1
  fi
done

/usr/bin/python3 - "$logs" "${targets[@]}" <<'PY'
import re, sys
logs, targets = sys.argv[1], sys.argv[2:]
done = re.compile(r"^#(\d+)\s+DONE\s+cov: (\d+) ft: (\d+) corp: (\d+)/(\S+).*?exec/s: (\d+)")
runs = re.compile(r"^Done (\d+) runs in (\d+) second")
print(f"{'target':<22} {'result':<7} {'executions':>11} {'seconds':>8} {'exec/s':>7} {'cov':>5} {'ft':>6} {'corpus':>14}")
for t in targets:
    text = open(f"{logs}/{t}.log", encoding="utf-8", errors="replace").read().splitlines()
    result = open(f"{logs}/{t}.result").read().strip()
    fig = {}
    for line in text:
        m = done.match(line)
        if m:
            fig.update(cov=m[2], ft=m[3], corpus=f"{m[4]}/{m[5]}", rate=m[6])
        m = runs.match(line)
        if m:
            fig.update(execs=m[1], secs=m[2])
    print(f"{t:<22} {result:<7} {fig.get('execs', '-'):>11} {fig.get('secs', '-'):>8} {fig.get('rate', '-'):>7}"
          f" {fig.get('cov', '-'):>5} {fig.get('ft', '-'):>6} {fig.get('corpus', '-'):>14}")
    if result != "ok":
        for line in text:
            if line.startswith("== Java Exception") or "Test unit written to" in line or line.startswith("Caused by"):
                print("    " + line)
        print(f"    full log: {logs}/{t}.log")
PY
exit $status
