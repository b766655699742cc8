#!/usr/bin/env bash
# Reverts many VMs on a simulated fleet, once with a pywinrm 0.3.0 script that does what a Python
# shop does today (src/test/peer/pywinrm_fleet.py: each VM in turn, look it up, RevertFailover, a
# job Get every 0.5 s until it ends) and once with one `hvreplica revert-failover` over all hosts
# and VMs. Both go through the independent peer src/test/peer/winrm_peer.py (gss-ntlmssp, NTLM with
# WinRM message encryption), one peer in front of each simulated host.
#
#   src/bench/fleet-bench.sh [SCENARIOS] [JOB_SECONDS]     (defaults: "1x1 1x10 1x50 4x25", 1)
#
# A scenario HxV is H hosts (HV-SITE-1..H, from `hvreplica simulate --hosts H --vms V`) with V
# generated replicas each (site-vm-01..), every one Recovered and off, whose jobs end JOB_SECONDS
# after they start. Every host is reset (POST to its /simulator/reset) before each client runs.
# Environment: CLIENTS (default "pywinrm hvreplica") to run one side only; HVREPLICA_ARGS, extra
# arguments for hvreplica (e.g. "--parallel 16").
#
# Measures each client's wall time, CPU (user+sys), peak RSS (the process's own, from wait4), and
# from the peers' /stats the HTTP requests, TCP connections and completed NTLM handshakes. Prints
# a markdown table, then the ratios hvreplica/pywinrm. Needs a packaged build (mvn -q -DskipTests
# package) and the interop packages that .ci/run installs. Not a test: nothing is asserted.
set -euo pipefail
cd "$(dirname "$0")/../.."
scenarios=${1:-"1x1 1x10 1x50 4x25"}
job_seconds=${2:-1}
clients=${CLIENTS:-"pywinrm hvreplica"}
py=/usr/bin/python3
password=hvreplica-demo
tmp=$(mktemp -d)
pids=()
stop_all() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done; pids=(); }
cleanup() { stop_all; rm -rf "$tmp"; }
trap cleanup EXIT

[ -f target/hvreplica-cli.jar ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 2; }
command -v curl >/dev/null || { echo "curl is missing" >&2; exit 2; }

# Runs a command and writes what wait4 says of it: the process's own CPU and peak RSS (bin/hvreplica
# execs java, so that is the JVM's), and the wall time.
cat > "$tmp/measure.py" <<'PY'
import json, os, subprocess, sys, time
result, out, err, cmd = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
t0 = time.monotonic()
with open(out, "wb") as o, open(err, "wb") as e:
    p = subprocess.Popen(cmd, stdout=o, stderr=e, stdin=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
json.dump({"wall": time.monotonic() - t0, "cpu": ru.ru_utime + ru.ru_stime, "rss_kb": ru.ru_maxrss,
           "rc": p.returncode}, open(result, "w"))
PY

# The peers' NTLM accounts: HV-SITE-n\operator for every host name a scenario can have.
for n in $(seq 64); do echo "HV-SITE-$n:operator:$password"; done > "$tmp/users"

wait_for() { # FILE PATTERN [COUNT]: until FILE has COUNT lines matching PATTERN (30 s at most)
  for _ in $(seq 300); do
    local n; n=$(grep -c -- "$2" "$1" 2>/dev/null) || true
    [ "${n:-0}" -ge "${3:-1}" ] && return 0
    sleep 0.1
  done
  echo "timed out waiting for '$2' in $1:" >&2; cat "$1" >&2; return 1
}

: > "$tmp/results.jsonl"
for scenario in $scenarios; do
  hosts=${scenario%x*}; vms=${scenario#*x}
  dir="$tmp/$scenario"; mkdir -p "$dir"
  bin/hvreplica simulate --hosts "$hosts" --vms "$vms" --job-seconds "$job_seconds" --port 0 \
    > "$dir/sim.out" 2> "$dir/sim.err" & pids+=($!)
  wait_for "$dir/sim.out" "^HV-SITE-" "$hosts"
  wait_for "$dir/sim.err" "^HV-SITE-[0-9]* basic " "$hosts"
  peers=(); resets=()
  while read -r name _ basic _ reset; do
    NTLM_USER_FILE="$tmp/users" $py src/test/peer/winrm_peer.py --port 0 --backend "$basic" \
      --backend-user hvadmin --backend-password "$password" < /dev/null > "$dir/$name.peer.out" 2> "$dir/$name.peer.err" & pids+=($!)
    wait_for "$dir/$name.peer.out" READY
    peers+=("127.0.0.1:$(awk '/READY/{print $2}' "$dir/$name.peer.out")")
    resets+=("$reset")
  done < <(grep "^HV-SITE-[0-9]* basic " "$dir/sim.err")

  vm_args=(); host_args=(); endpoint_args=()
  for i in $(seq "$vms"); do vm_args+=(--vm "$(printf 'site-vm-%02d' "$i")"); done
  for p in "${peers[@]}"; do host_args+=(--host "$p"); endpoint_args+=(--endpoint "http://$p/wsman"); done

  for client in $clients; do
    for r in "${resets[@]}"; do curl -sf -X POST "$r" > /dev/null; done
    for p in "${peers[@]}"; do curl -sf -X POST "http://$p/stats/reset" > /dev/null; done
    case $client in
      pywinrm) cmd=($py src/test/peer/pywinrm_fleet.py "${endpoint_args[@]}" "${vm_args[@]}"
                    --user 'HV-SITE-1\operator' --password "$password") ;;
      hvreplica) # shellcheck disable=SC2086
                 cmd=(env HVREPLICA_PASSWORD="$password" bin/hvreplica revert-failover "${host_args[@]}"
                      --user 'HV-SITE-1\operator' --vm 'site-vm-*' --yes --output json ${HVREPLICA_ARGS:-}) ;;
      *) echo "unknown client $client" >&2; exit 2 ;;
    esac
    echo "$scenario $client: ${cmd[*]:0:12} ..." >&2
    $py "$tmp/measure.py" "$dir/$client.json" "$dir/$client.out" "$dir/$client.err" "${cmd[@]}"
    for p in "${peers[@]}"; do curl -sf "http://$p/stats"; echo; done > "$dir/$client.stats"
    $py - "$scenario" "$client" "$hosts" "$vms" "$dir" >> "$tmp/results.jsonl" <<'PY'
import json, sys
scenario, client, hosts, vms, d = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
m = json.load(open(f"{d}/{client}.json"))
stats = [json.loads(l) for l in open(f"{d}/{client}.stats") if l.strip()]
total = lambda k: sum(s[k] for s in stats)
completed = 0
for line in open(f"{d}/{client}.out", encoding="utf-8", errors="replace"):
    try:
        o = json.loads(line)
    except ValueError:
        continue
    if client == "pywinrm" and "vm" in o and (o.get("jobState") in (7, 32768) or o.get("returnValue") == 0) or \
       client == "hvreplica" and o.get("outcome") == "completed" and o.get("vm"):
        completed += 1
print(json.dumps(dict(scenario=scenario, client=client, vms=hosts * vms, wall=m["wall"], cpu=m["cpu"],
                      rss_mb=m["rss_kb"] / 1024, rc=m["rc"], requests=total("requests"),
                      connections=total("connections"), handshakes=total("completed_handshakes"),
                      completed=completed)))
PY
    if [ "$(tail -1 "$tmp/results.jsonl" | $py -c 'import json,sys; r=json.load(sys.stdin); print(r["completed"] == r["vms"])')" != True ]; then
      echo "$scenario $client: not every VM completed (exit $(tail -1 "$tmp/results.jsonl" | $py -c 'import json,sys; print(json.load(sys.stdin)["rc"])')); its output:" >&2
      tail -5 "$dir/$client.out" "$dir/$client.err" >&2
    fi
  done
  stop_all
done

$py - "$tmp/results.jsonl" "$job_seconds" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
print(f"RevertFailover of every VM, jobs of {sys.argv[2]} s, NTLM + message encryption through winrm_peer.py\n")
print("| hosts × VMs | client | wall | CPU user+sys | HTTP requests | per VM | connections | handshakes | peak RSS | completed |")
print("|---|---|---|---|---|---|---|---|---|---|")
for r in rows:
    print(f"| {r['scenario']} | {r['client']} | {r['wall']:.2f} s | {r['cpu']:.2f} s | {r['requests']} | "
          f"{r['requests'] / r['vms']:.1f} | {r['connections']} | {r['handshakes']} | {r['rss_mb']:.0f} MB | "
          f"{r['completed']}/{r['vms']} |")
by = {(r["scenario"], r["client"]): r for r in rows}
pairs = [(s, by[(s, "hvreplica")], by[(s, "pywinrm")]) for s in dict.fromkeys(r["scenario"] for r in rows)
         if (s, "hvreplica") in by and (s, "pywinrm") in by]
if pairs:
    ratio = lambda a, b: f"{a / b:.2f}x" if b else "-"
    print("\nhvreplica / pywinrm\n")
    print("| hosts × VMs | wall | CPU | requests | connections | handshakes | peak RSS |")
    print("|---|---|---|---|---|---|---|")
    for s, h, p in pairs:
        print(f"| {s} | {ratio(h['wall'], p['wall'])} | {ratio(h['cpu'], p['cpu'])} | "
              f"{ratio(h['requests'], p['requests'])} | {ratio(h['connections'], p['connections'])} | "
              f"{ratio(h['handshakes'], p['handshakes'])} | {ratio(h['rss_mb'], p['rss_mb'])} |")
PY
