#!/usr/bin/env bash
# Times encrypted WinRM round trips through the simulator's Negotiate front on one connection, and
# fails (exit 1) when the fastest is over budget: the regression it guards against is a
# Nagle / delayed-ACK stall of about 40 ms per response. Timing belongs here, not in the unit
# tests, because a loaded machine slows every run.
#
#   src/bench/front-roundtrip.sh [RUNS] [BUDGET_MS]     (defaults: 50 runs, 30 ms)
#
# Needs a packaged build (mvn -q -DskipTests package).
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -f target/hvreplica-cli.jar ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 2; }
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$java" -cp target/hvreplica.jar src/bench/FrontRoundTrip.java "${1:-50}" "${2:-30}"
