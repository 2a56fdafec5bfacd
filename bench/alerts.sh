#!/usr/bin/env bash
# The alert intake benchmark (issue #14): 100 generic alerts/s for 60 s across 1,000 groups, then a storm of 10,000
# new groups in 60 s, on the real bot (java -jar target/escalator.jar) with Slack against a fake Web API.
#
#   bench/alerts.sh                    # SECONDS_EACH=60 ALERT_GROUPS=1000 STORM=10000
#   SECONDS_EACH=20 bench/alerts.sh    # a quicker look
#
# The main class lives with the tests (src/test/java/dev/escalator/bench/AlertIntakeBenchmark.java). The bot it
# starts is stopped by its own pid, also when the run fails.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
source bench/lib.sh

JAVA_HOME="$(pick_jdk)"
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"

mvn -q -B -DskipTests package
mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
CLASSPATH="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"

echo "machine: $(machine)"
"$JAVA" -Xmx1g -cp "$CLASSPATH" dev.escalator.bench.AlertIntakeBenchmark target/escalator.jar \
  "${SECONDS_EACH:-60}" "${ALERT_GROUPS:-1000}" "${STORM:-10000}"
