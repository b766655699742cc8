#!/usr/bin/env bash
# Warm cost per request (issue 11): CPU and wall time of one request once the client is warm, for
# the hvreplica library (src/bench/WarmRequests.java) and for pywinrm 0.3.0
# (src/test/peer/pywinrm_warm.py), side by side.
#
#   src/bench/warm-bench.sh [REQUESTS]      (default 2000 timed requests per kind)
#
# Both clients talk to the same simulated host (`hvreplica simulate`) through the same independent
# peer (src/test/peer/winrm_peer.py: gss-ntlmssp, NTLM with WinRM message encryption), set up as
# in coldstart-bench.sh. Each kind runs on its own authenticated keep-alive connection:
#   get        WS-Transfer Get of one Msvm_ConcreteJob by InstanceID: slow-vm-05's job, which the
#              simulator seeds at reset and which never ends, so every answer is the same
#   enumerate  WQL Enumerate, EnumerateObjectAndEPR with OptimizeEnumeration, of
#              SELECT * FROM Msvm_ComputerSystem WHERE ElementName = 'sync-vm-04' (one response)
#   find-vm    (hvreplica only) HostSession.findVm: the same Enumerate plus the typed VirtualMachine
# Each client opens one session per kind, checks one call of each, warms all kinds up together,
# then times REQUESTS calls of each kind in turn, in its own process: Java with
# OperatingSystemMXBean#getProcessCpuTime (the JIT and GC threads included), Python with
# time.process_time(). The peer and the simulator are other processes, so their CPU is not counted
# for either client; their time is in the wall column for both.
#
# Java warm-up: rounds of 100 requests of each kind, at least WARMUP (default 500) of each, until
# the JIT compilers spend under 10 ms in a round, at most MAX_WARMUP (default 1500) of each. With
# the JVM's default flags C2 goes on compiling for thousands of requests (CXF, Xerces, HttpClient:
# thousands of methods), so the table also shows the warm-up used, the calling thread's own CPU and
# the JIT's milliseconds within the timed window. Python warms up WARMUP of each kind (no JIT).
#
# Java rows: JDK 17 with the JVM's default flags (as a library user would run it), JDK 17 with the
# CLI's flags (-XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:CompileThresholdScaling=2
# -XX:+UseSerialGC, as bin/hvreplica runs), and Temurin 25
# with default flags when present. Environment: ROUNDS (default 1; each round reverses the order of
# the clients, and the table gives medians over rounds: use ROUNDS=3 on a shared machine), WARMUP,
# MAX_WARMUP, JDK17, JDK25. Every request costs the simulator and the peer a few ms, so one round
# of the default takes about 3 minutes on 2 cores, mostly in the Java warm-ups; REQUESTS=300 about
# 2 minutes.
# Exits non-zero when any client fails or the peer saw a failed unwrap or an extra connection.
# Needs a packaged build (mvn -q -DskipTests package) and the interop packages that .ci/run installs.
set -euo pipefail
cd "$(dirname "$0")/../.."
requests=${1:-2000}
rounds=${ROUNDS:-1}
warmup=${WARMUP:-500}
max_warmup=${MAX_WARMUP:-1500}
jdk17=${JDK17:-/usr/lib/jvm/java-17-openjdk-amd64}
jdk25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
. src/bench/lib.sh

[ -f target/hvreplica.jar ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 2; }

# The harness is compiled once (for 17, so that it runs on both JDKs), not launched from source:
# the source launcher's compiler would run in the measured JVM.
"$jdk17/bin/javac" --release 17 -cp target/hvreplica.jar -d "$tmp/classes" src/bench/WarmRequests.java

start_simulator "$jdk17"
curl -s -X POST "${sim%/wsman}/simulator/reset" >/dev/null
start_ntlm_peer
stats_reset() { curl -s -X POST "${peer%/wsman}/stats/reset" >/dev/null; }
stats() { curl -s "${peer%/wsman}/stats"; }

user='HVLAB\operator'
java_kinds=get,enumerate,find-vm
py_kinds=get,enumerate
harness() { echo "env WARM_PASSWORD='Op3rator-pass!' $1/bin/java $2 -cp target/hvreplica.jar:$tmp/classes WarmRequests --endpoint $peer --user '$user' --requests $requests --warmup $warmup --max-warmup $max_warmup --kinds $java_kinds"; }
names=("hvreplica, JDK 17, default flags" "hvreplica, JDK 17, CLI flags")
cmds=("$(harness "$jdk17" "")" "$(harness "$jdk17" "-XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:CompileThresholdScaling=2 -XX:+UseSerialGC")")
kinds=("$java_kinds" "$java_kinds")
if [ -x "$jdk25/bin/java" ]; then
  names+=("hvreplica, JDK 25, default flags"); cmds+=("$(harness "$jdk25" "")"); kinds+=("$java_kinds")
fi
names+=("pywinrm 0.3.0")
cmds+=("$py src/test/peer/pywinrm_warm.py --endpoint $peer --user '$user' --password 'Op3rator-pass!' --requests $requests --warmup $warmup --kinds $py_kinds")
kinds+=("$py_kinds")

# One run of client i: its JSON lines, tagged with the client's name, appended to results.jsonl.
run() {
  local i=$1 round=$2 n
  n=$(tr ',' '\n' <<< "${kinds[$i]}" | wc -l)
  echo "round $round: ${names[$i]}" >&2
  stats_reset
  if ! sh -c "${cmds[$i]}" > "$tmp/out" 2> "$tmp/err"; then
    echo "failed: ${names[$i]}" >&2; cat "$tmp/err" >&2; exit 1
  fi
  stats > "$tmp/stats"
  $py - "$tmp/out" "$tmp/stats" "${names[$i]}" "$round" "$n" >> "$tmp/results.jsonl" <<'PY'
import json, sys
out, stats, name, rnd, kinds = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
s = json.load(open(stats))
lines = [json.loads(l) for l in open(out) if l.startswith("{")]
# One connection and one handshake per kind, every request unwrapped: anything else is a failure.
if len(lines) != kinds or s["connections"] != kinds or s["completed_handshakes"] != kinds or s["failed_unwraps"]:
    sys.exit("%s: %d results for %d kinds; peer saw %s" % (name, len(lines), kinds, s))
for l in lines:
    l.update(client=name, round=rnd)
    print(json.dumps(l))
PY
}

for round in $(seq "$rounds"); do
  order=$(seq 0 $((${#cmds[@]} - 1)))
  [ $((round % 2)) -eq 0 ] && order=$(tac <<< "$order")
  for i in $order; do run "$i" "$round"; done
done

$py - "$tmp/results.jsonl" "$requests" "$rounds" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
requests, rounds = sys.argv[2], sys.argv[3]
clients = list(dict.fromkeys(r["client"] for r in rows))
def med(kind, client, key):
    v = [r[key] for r in rows if r["kind"] == kind and r["client"] == client and key in r]
    return statistics.median(v) if v else None
print(f"warm requests through the NTLM peer with message encryption: {requests} timed per kind, "
      f"medians of {rounds} round(s)\n")
print("| kind | client | CPU µs/request | wall µs/request | CPU ratio hvreplica/pywinrm "
      "| calling thread CPU µs/request | JIT ms in window | warm-up per kind |")
print("|---|---|---|---|---|---|---|---|")
for kind in ("get", "enumerate", "find-vm"):
    ref = med("enumerate" if kind == "find-vm" else kind, "pywinrm 0.3.0", "cpu_us_per_request")
    for c in clients:
        cpu = med(kind, c, "cpu_us_per_request")
        if cpu is None:
            continue
        wall = med(kind, c, "wall_us_per_request")
        thread, jit = med(kind, c, "thread_cpu_us_per_request"), med(kind, c, "jit_ms")
        warm = med(kind, c, "warmup")
        ratio = "-" if c.startswith("pywinrm") or not ref else f"{cpu / ref:.2f}x"
        print(f"| {kind} | {c} | {cpu:.0f} | {wall:.0f} | {ratio} | "
              f"{'-' if thread is None else f'{thread:.0f}'} | {'-' if jit is None else f'{jit:.0f}'} | "
              f"{'-' if warm is None else f'{warm:.0f}'} |")
print("\nfind-vm's ratio is against pywinrm's enumerate (same request; hvreplica also builds a typed VirtualMachine).")
PY
