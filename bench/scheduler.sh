#!/usr/bin/env bash
# The scheduler benchmark (SPEC §8: a due step posted within 1 s, p99, with 100,000 open escalations on one replica).
#
#   bench/scheduler.sh                       # 100,000 on the embedded store, then 10,000 on the real-MongoDB path
#   ESCALATIONS=20000 bench/scheduler.sh     # fewer, for a quick look
#
# Exits 1 when a guarantee is broken: a step lost or doubled, one not posted, posted lateness p99 over 1 s.
#
# The benchmark's main class lives with the tests (src/test/java/dev/escalator/bench): it reuses their fixtures,
# is compiled and format-checked by every build so it cannot rot, and is not shipped in the jar.
set -euo pipefail
cd "$(dirname "$0")/.."

ESCALATIONS="${ESCALATIONS:-100000}"
# the in-memory server has no _id-first planning and no local index: every poll and guarded write scans
MEMORY_ESCALATIONS="${MEMORY_ESCALATIONS:-10000}"
JAVA_OPTS="${JAVA_OPTS:--Xmx1g}"

# shellcheck source=bench/lib.sh
source bench/lib.sh

JAVA_HOME="$(pick_jdk)"
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"

bin/mvn -q -B -DskipTests test-compile
bin/mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
CLASSPATH="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
MAIN=dev.escalator.bench.SchedulerBenchmark

DATA="$(mktemp -d)"
trap 'rm -rf "$DATA"' EXIT
# the verdicts (lost, doubled, p99 over 1 s) go to $MET_OUT.met; a broken one makes this script exit 1
MET_OUT="${MET_OUT:-target/bench/scheduler}"
mkdir -p "$(dirname "$MET_OUT")"
rm -f "$MET_OUT.met"
status=0

echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)," \
  "$("$JAVA" -version 2>&1 | head -1), JAVA_OPTS=$JAVA_OPTS"
echo
echo "== embedded file store, $ESCALATIONS escalations"
# seeding runs in its own JVM: the bot below starts as after a restart, loading its readiness index from the file
"$JAVA" $JAVA_OPTS -cp "$CLASSPATH" "$MAIN" seed "$DATA" "$ESCALATIONS"
"$JAVA" $JAVA_OPTS -cp "$CLASSPATH" "$MAIN" run "$DATA" "$MET_OUT" || status=1
echo
echo "== in-memory mongo-java-server over the wire (the real-MongoDB code path), $MEMORY_ESCALATIONS escalations"
"$JAVA" $JAVA_OPTS -cp "$CLASSPATH" "$MAIN" memory "$MEMORY_ESCALATIONS" "$MET_OUT" || status=1
exit "$status"
