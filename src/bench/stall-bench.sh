#!/usr/bin/env bash
# Wall time of `hvreplica revert-failover --timeout 2s` (a new JVM per run) against a host that
# accepts every connection and never answers: how close to the deadline does the command end?
#
#   src/bench/stall-bench.sh [RUNS] [TIMEOUT]     (defaults: 5 runs, 2s)
#
# Three stalls: Basic, where the VM look-up is the first request; Negotiate (NTLM), where the
# handshake is; and a job poll, through a proxy in front of the simulated host that forwards
# everything but the polls of slow-vm-05's job. Needs a packaged build (mvn -q -DskipTests
# package) and python3.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
timeout=${2:-2s}
tmp=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$tmp"; }
trap cleanup EXIT

[ -f target/hvreplica-cli.jar ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 2; }

# Accepts, keeps every connection open, reads nothing and writes nothing.
python3 -c '
import socket
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", 0))
s.listen(64)
print(s.getsockname()[1], flush=True)
held = []
while True:
    held.append(s.accept()[0])
' > "$tmp/port" & pids+=($!)
for _ in $(seq 100); do [ -s "$tmp/port" ] && break; sleep 0.05; done
endpoint="http://127.0.0.1:$(cat "$tmp/port")/wsman"

# The simulated host (Basic, plain) behind a proxy that never answers a job poll.
bin/hvreplica simulate --port 0 > "$tmp/sim.out" 2>&1 & pids+=($!)
for _ in $(seq 100); do grep -q "Basic, plain" "$tmp/sim.out" 2>/dev/null && break; sleep 0.1; done
sim=$(grep "Basic, plain" "$tmp/sim.out" | grep -o 'http://127.0.0.1:[0-9]*/wsman')
python3 -c '
import http.server, sys, time, urllib.request, urllib.error
backend = sys.argv[1]
class Proxy(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *args):
        pass
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if b"Msvm_ConcreteJob" in body:
            time.sleep(3600)
        req = urllib.request.Request(backend, data=body, method="POST")
        for h in ("Authorization", "Content-Type"):
            if self.headers.get(h):
                req.add_header(h, self.headers[h])
        try:
            r = urllib.request.urlopen(req)
        except urllib.error.HTTPError as e:
            r = e
        data = r.read()
        self.send_response(r.status if hasattr(r, "status") else r.code)
        self.send_header("Content-Type", r.headers.get("Content-Type", "application/soap+xml;charset=UTF-8"))
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Proxy)
server.daemon_threads = True
print(server.server_address[1], flush=True)
server.serve_forever()
' "$sim" > "$tmp/proxy" & pids+=($!)
for _ in $(seq 100); do [ -s "$tmp/proxy" ] && break; sleep 0.05; done
proxy="http://127.0.0.1:$(cat "$tmp/proxy")/wsman"

measure() {
  local name=$1 target=$2 vm=$3; shift 3
  local total=0
  for i in $(seq "$runs"); do
    local start end code=0
    start=$(date +%s%N)
    HVREPLICA_PASSWORD=hvreplica-demo bin/hvreplica revert-failover --endpoint "$target" --vm "$vm" \
      --timeout "$timeout" --output json "$@" > "$tmp/out" 2>/dev/null || code=$?
    end=$(date +%s%N)
    local ms=$(( (end - start) / 1000000 ))
    total=$(( total + ms ))
    kind=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["error"]["kind"])' "$tmp/out")
    printf '%-28s run %d: %5d ms, exit %d, kind %s\n' "$name" "$i" "$ms" "$code" "$kind"
  done
  printf '%-28s mean:  %5d ms wall for --timeout %s\n\n' "$name" $(( total / runs )) "$timeout"
}

measure "Basic (look-up stalls)" "$endpoint" app-vm-01 --auth basic --allow-unencrypted --user hvadmin
measure "NTLM (handshake stalls)" "$endpoint" app-vm-01 --user 'HV\operator'
measure "Basic (job poll stalls)" "$proxy" slow-vm-05 --auth basic --allow-unencrypted --user hvadmin
