#!/usr/bin/env bash
# Times a cold `hvreplica revert-failover` (a new JVM per run) against the simulated Hyper-V host,
# and, over NTLM and over Kerberos with WinRM message encryption, side by side with a pywinrm 0.3.0
# script doing the same requests through the same independent peer (gss-ntlmssp, MIT krb5).
#
#   src/bench/revert-bench.sh [RUNS] [VM]     (defaults: 10 runs, sync-vm-04)
#
# Needs: a packaged build (mvn -q -DskipTests package), hyperfine, and the interop packages that
# .ci/run installs. Reports mean wall time, CPU (user+sys), HTTP requests, and the ratios.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-10}
vm=${2:-sync-vm-04}
. src/bench/lib.sh

[ -f target/hvreplica-cli.jar ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "hyperfine is missing (apt-get install hyperfine)" >&2; exit 2; }

start_simulator
start_ntlm_peer
stats() { curl -s "${peer%/wsman}/stats"; }
reset() { curl -s -X POST "${peer%/wsman}/stats/reset" >/dev/null; }

# Kerberos: a throwaway MIT realm and a second peer that also accepts Kerberos.
start_kerberos_peer
kstats() { curl -s "${kpeer%/wsman}/stats"; }
kreset() { curl -s -X POST "${kpeer%/wsman}/stats/reset" >/dev/null; }
krb_cmd="env $krb_env HVREPLICA_PASSWORD=Secret123 bin/hvreplica revert-failover --endpoint $kpeer --user hvuser@HV.TEST --vm $vm"
pykrb_cmd="env $krb_env $py src/test/peer/pywinrm_revert.py --endpoint $kpeer --user hvuser@HV.TEST --password Secret123 --transport kerberos --vm $vm"

basic_cmd="HVREPLICA_PASSWORD=hvreplica-demo bin/hvreplica revert-failover --endpoint $sim --auth basic --allow-unencrypted --user hvadmin --vm $vm"
ntlm_cmd="HVREPLICA_PASSWORD='Op3rator-pass!' bin/hvreplica revert-failover --endpoint $peer --user 'HVLAB\\operator' --vm $vm"
pywinrm_cmd="$py src/test/peer/pywinrm_revert.py --endpoint $peer --user 'HVLAB\\operator' --password 'Op3rator-pass!' --vm $vm"

# The simulator keeps state (a reverted VM stays reverted): it is reset before every run.
simreset="curl -s -X POST ${sim%/wsman}/simulator/reset"
# One checked run of each, to count requests and make sure all of them succeed.
$simreset >/dev/null; reset; sh -c "$ntlm_cmd" > /dev/null; ntlm_requests=$(stats | $py -c 'import json,sys; print(json.load(sys.stdin)["requests"])')
$simreset >/dev/null; reset; sh -c "$pywinrm_cmd" > /dev/null; py_requests=$(stats | $py -c 'import json,sys; print(json.load(sys.stdin)["requests"])')

$simreset >/dev/null; kreset; sh -c "$krb_cmd" > /dev/null; krb_requests=$(kstats | $py -c 'import json,sys; print(json.load(sys.stdin)["requests"])')
$simreset >/dev/null; kreset; sh -c "$pykrb_cmd" > /dev/null; pykrb_requests=$(kstats | $py -c 'import json,sys; print(json.load(sys.stdin)["requests"])')

hyperfine -N --shell=none --runs "$runs" --warmup 1 --prepare "$simreset" --export-json "$tmp/basic.json" "sh -c \"$basic_cmd\"" >/dev/null 2>&1 || \
  hyperfine --runs "$runs" --warmup 1 --prepare "$simreset" --export-json "$tmp/basic.json" "$basic_cmd" >/dev/null
hyperfine --runs "$runs" --warmup 1 --prepare "$simreset" --export-json "$tmp/ntlm.json" "$ntlm_cmd" "$pywinrm_cmd" >/dev/null
hyperfine --runs "$runs" --warmup 1 --prepare "$simreset" --export-json "$tmp/krb.json" "$krb_cmd" "$pykrb_cmd" >/dev/null

$py - "$tmp" "$vm" "$ntlm_requests" "$py_requests" "$runs" "$krb_requests" "$pykrb_requests" <<'PY'
import json, sys
tmp, vm, ntlm_req, py_req, runs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
krb_req, pykrb_req = int(sys.argv[6]), int(sys.argv[7])
basic = json.load(open(f"{tmp}/basic.json"))["results"][0]
hv, pw = json.load(open(f"{tmp}/ntlm.json"))["results"]
def row(name, r, req):
    cpu = r["user"] + r["system"]
    print(f"| {name:<34} | {r['mean']*1000:7.0f} ± {r['stddev']*1000:4.0f} ms | {cpu*1000:7.0f} ms | {req if req is not None else '-':>8} |")
    return r["mean"], cpu
print(f"cold revert-failover of {vm}, {runs} runs each (hyperfine, new process per run)\n")
print("| client                             | wall (mean ± sd)     | CPU user+sys | requests |")
print("|---|---|---|---|")
row("hvreplica, Basic, plain HTTP", basic, None)
hw, hc = row("hvreplica, NTLM + encryption", hv, ntlm_req)
pw_, pc = row("pywinrm 0.3.0, NTLM + encryption", pw, py_req)
kh, kp = json.load(open(f"{tmp}/krb.json"))["results"]
khw, khc = row("hvreplica, Kerberos + encryption", kh, krb_req)
kpw, kpc = row("pywinrm 0.3.0, Kerberos + encryption", kp, pykrb_req)
print(f"\nratios hvreplica / pywinrm (NTLM + encryption): wall {hw/pw_:.2f}x, CPU {hc/pc:.2f}x, requests {ntlm_req}/{py_req}")
print(f"ratios hvreplica / pywinrm (Kerberos + encryption): wall {khw/kpw:.2f}x, CPU {khc/kpc:.2f}x, requests {krb_req}/{pykrb_req}")
PY
