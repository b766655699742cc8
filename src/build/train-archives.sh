#!/bin/sh
# Package-time training of the start-up archives that bin/hvreplica uses (see README, Benchmark).
#
#   src/build/train-archives.sh TARGET_DIR JDK_HOME...
#
# For each JDK home, one CLI JVM runs the commands users run most (io.hvreplica.cli.Training:
# status, recovery-points, test-failover, and a revert-failover with a job to follow, text and
# JSON), over NTLM with message encryption through the Negotiate endpoint of the built-in
# simulator (its own JVM, started here and stopped by pid). What that JVM loaded is archived:
#   JDK 25 and newer:  TARGET_DIR/hvreplica-<version>.aot   (AOT cache, JEP 483/514/515)
#   JDK 13 to 24:      TARGET_DIR/hvreplica-<version>.jsa   (dynamic AppCDS archive)
# <version> is the JDK's JAVA_RUNTIME_VERSION from its release file: an archive only fits the JDK
# build that wrote it, and the launcher looks for the file of the JDK it runs.
#
# Training is an optimisation, never a requirement: whatever fails here (no such JDK, a busy port,
# a slow machine) leaves no archive behind, says why in TARGET_DIR/archive-training.log, and the
# script still exits 0, so the build goes on and the launcher runs without an archive.
target=$1
shift
jar="$target/hvreplica-cli.jar"
log="$target/archive-training.log"
sim_out="$target/archive-training-simulator.out"
sim_pid=
: > "$log"

say() { echo "$*" >> "$log"; }

stop_simulator() {
  if [ -n "$sim_pid" ]; then
    kill "$sim_pid" 2>/dev/null
    wait "$sim_pid" 2>/dev/null
    sim_pid=
  fi
}
trap stop_simulator EXIT
trap 'exit 0' INT TERM

# JAVA_RUNTIME_VERSION="17.0.15+6-Debian-1deb12u1" -> 17.0.15+6-Debian-1deb12u1 (bin/hvreplica reads it the same way).
jdk_version() {
  [ -f "$1/release" ] || return 1
  sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"$/\1/p' "$1/release"
}

# The simulator runs on the first JDK (Maven's); its own start-up is not what is being trained.
start_simulator() {
  # Emptied here, not by the redirection below: that one happens in the child, maybe after the
  # loop has read the endpoint of an earlier build from the old file.
  : > "$sim_out"
  "$1/bin/java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$jar" io.hvreplica.cli.Main simulate --port 0 \
    > "$sim_out" 2>&1 &
  sim_pid=$!
  i=0
  while [ $i -lt 150 ]; do
    endpoint=$(sed -n 's|.*Negotiate/NTLM.*\(http://127\.0\.0\.1:[0-9]*/wsman\).*|\1|p' "$sim_out" 2>/dev/null)
    [ -n "$endpoint" ] && return 0
    kill -0 "$sim_pid" 2>/dev/null || break
    sleep 0.1
    i=$((i + 1))
  done
  say "the simulator did not start:"; cat "$sim_out" >> "$log" 2>/dev/null
  stop_simulator
  return 1
}

[ -f "$jar" ] || { say "no $jar"; exit 0; }
bound=
command -v timeout > /dev/null && bound="timeout 60"
rm -f "$target"/hvreplica*.jsa "$target"/hvreplica-*.aot

seen=
for home in "$@"; do
  [ -x "$home/bin/java" ] || { say "skipped $home: no bin/java"; continue; }
  version=$(jdk_version "$home") || { say "skipped $home: no release file"; continue; }
  [ -n "$version" ] || { say "skipped $home: no JAVA_RUNTIME_VERSION in its release file"; continue; }
  case " $seen " in *" $version "*) continue ;; esac # Maven may itself run on the AOT JDK
  seen="$seen $version"
  major=${version%%[!0-9]*}
  if [ "$major" -ge 25 ]; then
    out="$target/hvreplica-$version.aot"
    # One JVM trains, then forks the one that writes the cache (JEP 514).
    archive_opt="-XX:AOTCacheOutput=$out"
  elif [ "$major" -ge 13 ]; then
    out="$target/hvreplica-$version.jsa"
    archive_opt="-XX:ArchiveClassesAtExit=$out"
  else
    say "skipped $home: JDK $version has no dynamic archive"; continue
  fi
  if [ -z "$sim_pid" ]; then
    start_simulator "$home" || continue
  elif command -v curl > /dev/null; then
    # The previous training reverted app-vm-01; put the host back as it started.
    reset=$(sed -n 's|.*POST \(http://127\.0\.0\.1:[0-9]*/simulator/reset\).*|\1|p' "$sim_out")
    curl -s -m 5 -X POST "$reset" > /dev/null || { stop_simulator; start_simulator "$home" || continue; }
  else
    stop_simulator; start_simulator "$home" || continue
  fi
  say "training $out on $home ($endpoint)"
  # The same JVM options as bin/hvreplica: an AOT cache is refused when they differ. The command
  # has its own time bound; timeout(1) is the safety net should the JVM itself hang.
  if HVREPLICA_PASSWORD=hvreplica-demo LC_ALL=C.UTF-8 $bound "$home/bin/java" "$archive_opt" \
      -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:CompileThresholdScaling=2 -XX:+UseSerialGC \
      --add-exports=java.security.jgss/sun.security.jgss.krb5.internal=ALL-UNNAMED \
      -cp "$jar" io.hvreplica.cli.Training "$endpoint" 'HV-REPLICA01\operator' >> "$log" 2>&1 && [ -s "$out" ]; then
    say "made $out ($(wc -c < "$out") bytes)"
  else
    say "training on $home failed; no archive for JDK $version"
    rm -f "$out"
  fi
done
exit 0
