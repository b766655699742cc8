#!/usr/bin/env bash
# Cold start of the command line (issue 11), side by side with pywinrm 0.3.0:
#  - a cold `revert-failover` of sync-vm-04 (returns 0, no job) over NTLM with message encryption,
#    through the independent peer (gss-ntlmssp) in front of the simulator, on JDK 17 and, when
#    present, on Temurin 25; the simulator is reset before every run so each run does the same;
#  - the same cold revert over Kerberos with message encryption, through a second peer that accepts
#    Kerberos (MIT krb5) and a throwaway KDC (realm HV.TEST), set up as in revert-bench.sh. Each
#    client gets its tickets itself from the password (hvreplica from HVREPLICA_PASSWORD, the
#    pywinrm script with gss_acquire_cred_with_password), so each run costs an AS and a TGS
#    exchange with the KDC as well as the WinRM requests;
#  - a shell loop of 10 calls of `hvreplica status --vm sync-vm-04` (NTLM peer), what a script that
#    checks a few VMs does, against the same loop of `pywinrm_revert.py --status-only`. Both do, per
#    call, a new process, the NTLM handshake and the one WQL Enumerate that `status --vm NAME`
#    sends, and print the VM's status; status is read-only, so nothing is reset between calls;
#  - `hvreplica --version` on both JDKs, and `python3 -c 'import winrm'`.
#
#   src/bench/coldstart-bench.sh [RUNS]      (default 20; the loops run max(3, RUNS/4) times)
#
# JDK17 and JDK25 name the JDK homes (defaults: Debian's 17, /usr/lib/jvm/temurin-25-jdk-amd64);
# LOOP_RUNS overrides the loops' run count. hyperfine runs the commands of one group in turn; the
# tables give median wall and mean CPU (user+sys, hyperfine reports no per-run CPU), and their
# ratios. The default run takes about 3 minutes on a 2-core machine (RUNS=3 about 75 s). Needs a
# packaged build, hyperfine, and the interop packages that .ci/run installs (krb5-kdc for the KDC).
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-20}
loop_runs=${LOOP_RUNS:-$(( runs / 4 > 3 ? runs / 4 : 3 ))}
vm=sync-vm-04
jdk17=${JDK17:-/usr/lib/jvm/java-17-openjdk-amd64}
jdk25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
. src/bench/lib.sh

[ -f target/hvreplica-cli.jar ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "hyperfine is missing" >&2; exit 2; }

start_simulator "$jdk17"
reset="curl -s -X POST ${sim%/wsman}/simulator/reset"
start_ntlm_peer
start_kerberos_peer

# JAVA_HOME, not HVREPLICA_JAVA, so that the same script measures older launchers too.
hv() { echo "env -u HVREPLICA_JAVA JAVA_HOME=$1 HVREPLICA_PASSWORD='Op3rator-pass!' bin/hvreplica revert-failover --endpoint $peer --user 'HVLAB\\operator' --vm $vm"; }
hvkrb() { echo "env -u HVREPLICA_JAVA $krb_env JAVA_HOME=$1 HVREPLICA_PASSWORD=Secret123 bin/hvreplica revert-failover --endpoint $kpeer --user hvuser@HV.TEST --vm $vm"; }
# The loop stops at the first failing call, so that hyperfine sees the failure.
hvloop() { echo "for i in 1 2 3 4 5 6 7 8 9 10; do env -u HVREPLICA_JAVA JAVA_HOME=$1 HVREPLICA_PASSWORD='Op3rator-pass!' bin/hvreplica status --endpoint $peer --user 'HVLAB\\operator' --vm $vm >/dev/null || exit 1; done"; }
pywinrm="$py src/test/peer/pywinrm_revert.py --endpoint $peer --user 'HVLAB\\operator' --password 'Op3rator-pass!' --vm $vm"
pykrb="env $krb_env $py src/test/peer/pywinrm_revert.py --endpoint $kpeer --user hvuser@HV.TEST --password Secret123 --transport kerberos --vm $vm"
pyloop="for i in 1 2 3 4 5 6 7 8 9 10; do $pywinrm --status-only >/dev/null || exit 1; done"

revert=("$(hv "$jdk17")"); names=("hvreplica, JDK 17")
krevert=("$(hvkrb "$jdk17")"); knames=("hvreplica, JDK 17")
loop=("$(hvloop "$jdk17")"); lnames=("hvreplica status x10, JDK 17")
version=("env -u HVREPLICA_JAVA JAVA_HOME=$jdk17 bin/hvreplica --version"); vnames=("hvreplica --version, JDK 17")
if [ -x "$jdk25/bin/java" ]; then
  revert+=("$(hv "$jdk25")"); names+=("hvreplica, JDK 25")
  krevert+=("$(hvkrb "$jdk25")"); knames+=("hvreplica, JDK 25")
  loop+=("$(hvloop "$jdk25")"); lnames+=("hvreplica status x10, JDK 25")
  version+=("env -u HVREPLICA_JAVA JAVA_HOME=$jdk25 bin/hvreplica --version"); vnames+=("hvreplica --version, JDK 25")
fi
revert+=("$pywinrm"); names+=("pywinrm 0.3.0")
krevert+=("$pykrb"); knames+=("pywinrm 0.3.0")
loop+=("$pyloop"); lnames+=("pywinrm --status-only x10")
version+=("$py -c 'import winrm'"); vnames+=("python3 -c 'import winrm'")

# Every command must succeed once before it is timed. A Kerberos run must not have fallen back to
# NTLM: the Kerberos peer then answers no 401 at all (NTLM needs one for its CHALLENGE).
for c in "${revert[@]}"; do $reset >/dev/null; sh -c "$c" >/dev/null || { echo "failed: $c" >&2; exit 1; }; done
for c in "${krevert[@]}"; do
  $reset >/dev/null; curl -s -X POST "${kpeer%/wsman}/stats/reset" >/dev/null
  sh -c "$c" >/dev/null || { echo "failed: $c" >&2; exit 1; }
  curl -s "${kpeer%/wsman}/stats" | $py -c 'import json,sys; s=json.load(sys.stdin); sys.exit(s["unauthorized"] != 0 or s["completed_handshakes"] != 1)' \
    || { echo "not one Kerberos handshake: $c" >&2; exit 1; }
done
for c in "${loop[@]}"; do sh -c "${c/1 2 3 4 5 6 7 8 9 10/1}" || { echo "failed: $c" >&2; exit 1; }; done
$reset >/dev/null

hyperfine --runs "$runs" --warmup 2 --prepare "$reset" --export-json "$tmp/revert.json" "${revert[@]}" >/dev/null
hyperfine --runs "$runs" --warmup 2 --prepare "$reset" --export-json "$tmp/krevert.json" "${krevert[@]}" >/dev/null
hyperfine --runs "$loop_runs" --warmup 1 --export-json "$tmp/loop.json" "${loop[@]}" >/dev/null
hyperfine --runs "$runs" --warmup 2 --export-json "$tmp/version.json" "${version[@]}" >/dev/null

printf '%s\n' "${names[@]}" > "$tmp/names"; printf '%s\n' "${knames[@]}" > "$tmp/knames"
printf '%s\n' "${lnames[@]}" > "$tmp/lnames"; printf '%s\n' "${vnames[@]}" > "$tmp/vnames"
$py - "$tmp" "$runs" "$loop_runs" <<'PY'
import json, sys
tmp, runs, loop_runs = sys.argv[1], sys.argv[2], sys.argv[3]
def table(kind, names, ref_name, calls=1):
    res = json.load(open(f"{tmp}/{kind}.json"))["results"]
    names = open(f"{tmp}/{names}").read().splitlines()
    rows = []
    for name, r in zip(names, res):
        rows.append((name, r["median"], r["user"] + r["system"]))
    ref = [r for r in rows if r[0].startswith(ref_name)][0]
    per_call = " wall per call |" if calls > 1 else ""
    print(f"| {'command':<30} | wall (median) |{per_call} CPU (mean) | wall / {ref_name} | CPU / {ref_name} |")
    print("|---|---|---|---|---|" + ("---|" if calls > 1 else ""))
    for name, wall, cpu in rows:
        per = f" {wall*1000/calls:7.0f} ms |" if calls > 1 else ""
        print(f"| {name:<30} | {wall*1000:7.0f} ms |{per} {cpu*1000:7.0f} ms | {wall/ref[1]:.2f}x | {cpu/ref[2]:.2f}x |")
print(f"cold revert-failover of sync-vm-04, NTLM + encryption, {runs} runs each\n")
table("revert", "names", "pywinrm")
print(f"\ncold revert-failover of sync-vm-04, Kerberos + encryption (tickets from the password), {runs} runs each\n")
table("krevert", "knames", "pywinrm")
print(f"\na shell loop of 10 status calls for sync-vm-04, NTLM + encryption, {loop_runs} runs each\n")
table("loop", "lnames", "pywinrm", calls=10)
print()
table("version", "vnames", "python3")
PY
