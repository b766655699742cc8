# Shared set-up of the benchmarks, sourced (not run) from the top of the repository:
#   . src/bench/lib.sh
# It makes $tmp, stops every process it starts (by pid) and removes $tmp on exit, and offers:
#   start_simulator [JAVA_HOME]   the built-in simulator; sets $sim, its Basic endpoint
#   start_ntlm_peer               the independent NTLM peer in front of it; sets $peer
#   start_kerberos_peer           a throwaway MIT realm and a peer that also takes Kerberos;
#                                 sets $krb_env (the realm's environment) and $kpeer
# The peer's user is HVLAB\operator with the password Op3rator-pass!; the realm's hvuser@HV.TEST
# with Secret123.
py=/usr/bin/python3
tmp=$(mktemp -d)
pids=()
bench_cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap bench_cleanup EXIT

wait_for() { # FILE PATTERN: up to 10 s for PATTERN to appear in FILE
  for _ in $(seq 100); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
  return 1
}

start_simulator() {
  ${1:+env JAVA_HOME=$1} bin/hvreplica simulate --port 0 > "$tmp/sim.out" 2>&1 & pids+=($!)
  wait_for "$tmp/sim.out" "Basic, plain" || { echo "the simulator did not start:" >&2; cat "$tmp/sim.out" >&2; exit 1; }
  sim=$(grep "Basic, plain" "$tmp/sim.out" | grep -o 'http://127.0.0.1:[0-9]*/wsman')
}

start_ntlm_peer() {
  echo "HVLAB:operator:Op3rator-pass!" > "$tmp/users"
  NTLM_USER_FILE="$tmp/users" $py src/test/peer/winrm_peer.py --port 0 --backend "$sim" \
    --backend-user hvadmin --backend-password hvreplica-demo > "$tmp/peer.out" 2> "$tmp/peer.err" & pids+=($!)
  wait_for "$tmp/peer.out" READY || { echo "the NTLM peer did not start:" >&2; cat "$tmp/peer.err" >&2; exit 1; }
  peer="http://127.0.0.1:$(awk '/READY/{print $2}' "$tmp/peer.out")/wsman"
}

# The realm's script stops its KDC when it gets SIGTERM. The peer's SPN is HTTP/localhost.
start_kerberos_peer() {
  [ -f "$tmp/users" ] || echo "HVLAB:operator:Op3rator-pass!" > "$tmp/users"
  $py src/test/peer/selftest_kdc.py > "$tmp/kdc.env" 2> "$tmp/kdc.err" & pids+=($!)
  wait_for "$tmp/kdc.env" KRB5_KTNAME || { echo "the KDC did not start:" >&2; cat "$tmp/kdc.err" >&2; exit 1; }
  krb_env=$(sed 's/^export //' "$tmp/kdc.env" | tr '\n' ' ')
  env $krb_env NTLM_USER_FILE="$tmp/users" $py src/test/peer/winrm_peer.py --port 0 --backend "$sim" \
    --backend-user hvadmin --backend-password hvreplica-demo --schemes Negotiate,Kerberos \
    > "$tmp/kpeer.out" 2> "$tmp/kpeer.err" & pids+=($!)
  wait_for "$tmp/kpeer.out" READY || { echo "the Kerberos peer did not start:" >&2; cat "$tmp/kpeer.err" >&2; exit 1; }
  kpeer="http://localhost:$(awk '/READY/{print $2}' "$tmp/kpeer.out")/wsman"
}
