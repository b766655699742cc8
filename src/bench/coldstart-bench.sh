#!/usr/bin/env bash
# Cold start of the command line (issue 11), side by side with pywinrm 0.3.0:
#  - a cold `revert-failover` of sync-vm-04 (returns 0, no job) over NTLM with message encryption,
#    through the independent peer (gss-ntlmssp) in front of the simulator, on JDK 17 and, when
#    present, on Temurin 25; the simulator is reset before every run so each run does the same;
#  - `hvreplica --version` on both JDKs, and `python3 -c 'import winrm'`.
#
#   src/bench/coldstart-bench.sh [RUNS]      (default 20)
#
# JDK17 and JDK25 name the JDK homes (defaults: Debian's 17, /usr/lib/jvm/temurin-25-jdk-amd64).
# hyperfine runs the commands of one group in turn; the table gives median wall and mean CPU
# (user+sys, hyperfine reports no per-run CPU), and their ratios. Needs a packaged build, hyperfine, and the interop packages that .ci/run installs.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-20}
vm=sync-vm-04
py=/usr/bin/python3
jdk17=${JDK17:-/usr/lib/jvm/java-17-openjdk-amd64}
jdk25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
tmp=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$tmp"; }
trap cleanup EXIT

[ -f target/hvreplica-cli.jar ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "hyperfine is missing" >&2; exit 2; }

JAVA_HOME=$jdk17 bin/hvreplica simulate --port 0 > "$tmp/sim.out" 2>&1 & pids+=($!)
for _ in $(seq 100); do grep -q "Basic, plain" "$tmp/sim.out" 2>/dev/null && break; sleep 0.1; done
sim=$(grep "Basic, plain" "$tmp/sim.out" | grep -o 'http://127.0.0.1:[0-9]*/wsman')
reset="curl -s -X POST ${sim%/wsman}/simulator/reset"

echo "HVLAB:operator:Op3rator-pass!" > "$tmp/users"
NTLM_USER_FILE="$tmp/users" $py src/test/peer/winrm_peer.py --port 0 --backend "$sim" \
  --backend-user hvadmin --backend-password hvreplica-demo > "$tmp/peer.out" 2> "$tmp/peer.err" & pids+=($!)
for _ in $(seq 100); do grep -q READY "$tmp/peer.out" 2>/dev/null && break; sleep 0.1; done
peer="http://127.0.0.1:$(awk '/READY/{print $2}' "$tmp/peer.out")/wsman"

# JAVA_HOME, not HVREPLICA_JAVA, so that the same script measures older launchers too.
hv() { echo "env -u HVREPLICA_JAVA JAVA_HOME=$1 HVREPLICA_PASSWORD='Op3rator-pass!' bin/hvreplica revert-failover --endpoint $peer --user 'HVLAB\\operator' --vm $vm"; }
pywinrm="$py src/test/peer/pywinrm_revert.py --endpoint $peer --user 'HVLAB\\operator' --password 'Op3rator-pass!' --vm $vm"
revert=("$(hv "$jdk17")")
names=("hvreplica, JDK 17")
version=("env -u HVREPLICA_JAVA JAVA_HOME=$jdk17 bin/hvreplica --version")
vnames=("hvreplica --version, JDK 17")
if [ -x "$jdk25/bin/java" ]; then
  revert+=("$(hv "$jdk25")"); names+=("hvreplica, JDK 25")
  version+=("env -u HVREPLICA_JAVA JAVA_HOME=$jdk25 bin/hvreplica --version"); vnames+=("hvreplica --version, JDK 25")
fi
revert+=("$pywinrm"); names+=("pywinrm 0.3.0")
version+=("$py -c 'import winrm'"); vnames+=("python3 -c 'import winrm'")

# Every command must succeed once before it is timed.
for c in "${revert[@]}"; do $reset >/dev/null; sh -c "$c" >/dev/null || { echo "failed: $c" >&2; exit 1; }; done

hyperfine --runs "$runs" --warmup 2 --prepare "$reset" --export-json "$tmp/revert.json" "${revert[@]}" >/dev/null
hyperfine --runs "$runs" --warmup 2 --export-json "$tmp/version.json" "${version[@]}" >/dev/null

printf '%s\n' "${names[@]}" > "$tmp/names"; printf '%s\n' "${vnames[@]}" > "$tmp/vnames"
$py - "$tmp" "$runs" <<'PY'
import json, sys
tmp, runs = sys.argv[1], sys.argv[2]
def table(kind, names, ref_name):
    res = json.load(open(f"{tmp}/{kind}.json"))["results"]
    names = open(f"{tmp}/{names}").read().splitlines()
    rows = []
    for name, r in zip(names, res):
        rows.append((name, r["median"], r["user"] + r["system"]))
    ref = [r for r in rows if r[0].startswith(ref_name)][0]
    print(f"| {'command':<30} | wall (median) | CPU (mean) | wall / {ref_name} | CPU / {ref_name} |")
    print("|---|---|---|---|---|")
    for name, wall, cpu in rows:
        print(f"| {name:<30} | {wall*1000:7.0f} ms | {cpu*1000:7.0f} ms | {wall/ref[1]:.2f}x | {cpu/ref[2]:.2f}x |")
print(f"cold revert-failover of sync-vm-04, NTLM + encryption, {runs} runs each\n")
table("revert", "names", "pywinrm")
print()
table("version", "vnames", "python3")
PY
