#!/usr/bin/env bash
# Browser-client benchmark (issue 7): the reader's virtualized list scrolled top to bottom through a generated
# 100k-message conversation in headless Chromium, against the same scroll over a 1k-message conversation in the
# same run (the reference), then jumps to dates. Runs server/src/test/java/.../browser/ReaderScrollBenchmark on the
# server's embedded PostgreSQL and Kafka; `./mvnw verify` never runs it.
#
# usage: loadtest/bin/browser-scroll.sh [MESSAGES] [STEP_PX]     (defaults: 100000, 400 px per frame)
# needs: JAVA_HOME of a JDK 21+, /usr/bin/chromium, the ~/.m2 the build uses (runs offline)
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
messages=${1:-100000}
step=${2:-400}
cd "$root"
mkdir -p "$root/server/target"
echo "# $(date -u +%FT%TZ), commit $(git rev-parse --short HEAD), load average $(cut -d' ' -f1-3 /proc/loadavg)"
./mvnw -B -q -pl server -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=ReaderScrollBenchmark -Dit.failIfNoSpecifiedTests=false -Dspotless.check.skip=true \
  -Dbench.messages="$messages" -Dbench.step="$step" > "$root/server/target/browser-bench.log" 2>&1 \
  || { tail -50 "$root/server/target/browser-bench.log"; exit 1; }
cat "$root/server/target/browser-bench/results.md"
