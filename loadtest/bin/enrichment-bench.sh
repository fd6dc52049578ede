#!/usr/bin/env bash
# The enrichment JMH benchmarks (server test sources): built-in sentiment on one core, and the remote (TEI) mode
# against loadtest/bin/tei-stub.py, a TEI stub in a process of its own that stamps arrivals with kernel receive
# times. Prints JMH's results, the most /predict requests the stub saw in any sliding second per trial, and the
# load; JSON results go to server/target/jmh-enrichment-*.json. docs/performance.md ("Enrichment") records them.
#
# usage: loadtest/bin/enrichment-bench.sh [builtin|remote|all] [extra JMH options]
#   e.g. loadtest/bin/enrichment-bench.sh remote -p rate=50 -p batch=8 -p marginMillis=20
# JMH's /tmp/jmh.lock is ignored: other engineers run JMH on this shared machine too; the load is printed instead.
# needs: JAVA_HOME (JDK 21+), python3; builds the server's test classes with the reactor (nothing is installed)
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
what=${1:-all}
shift || true
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
cd "$root"

# one reactor build: the sibling modules resolve to their target/classes (each module writes its own file)
./mvnw -B -q -pl server -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-classpath.txt
cp="server/target/test-classes:server/target/classes:$(cat server/target/bench-classpath.txt)"

echo "# machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1); $("$java" -version 2>&1 | head -1)"
echo "# load before: $(cut -d' ' -f1-3 /proc/loadavg)"

if [[ $what == builtin || $what == all ]]; then
  "$java" -Djmh.ignoreLock=true -cp "$cp" org.openjdk.jmh.Main 'BuiltInSentimentBenchmark' "$@" \
    -rf json -rff server/target/jmh-enrichment-builtin.json
  echo "# load: $(cut -d' ' -f1-3 /proc/loadavg)"
fi

if [[ $what == remote || $what == all ]]; then
  stub_out=$(mktemp)
  python3 loadtest/bin/tei-stub.py 0 32 >"$stub_out" &
  stub=$!
  trap 'kill $stub 2>/dev/null || true; rm -f "$stub_out"' EXIT
  for _ in $(seq 200); do [[ -s $stub_out ]] && break; sleep 0.1; done
  port=$(head -1 "$stub_out")
  "$java" -Djmh.ignoreLock=true -cp "$cp" org.openjdk.jmh.Main 'RemoteSentimentBenchmark' -p url="http://127.0.0.1:$port" "$@" \
    -rf json -rff server/target/jmh-enrichment-remote.json
  echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
fi
