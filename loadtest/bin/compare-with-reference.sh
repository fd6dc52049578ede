#!/usr/bin/env bash
# One session, same files: the JMH parser benchmarks, then the JavaScript reference (npm
# whatsapp-chat-parser, see ../js-reference) on the exports JMH generated. Results go to stdout and
# loadtest/target/jmh-result.json; docs/performance.md records them.
#
# usage: loadtest/bin/compare-with-reference.sh [extra JMH options]   (default -f 1 -wi 2 -i 5 -prof gc)
# needs: ./mvnw -B -q -pl ingest,loadtest install -DskipTests; node >= 20 and npm
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
jar=$here/target/parley-benchmarks.jar
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
jmh_options=("$@")
if [[ ${#jmh_options[@]} -eq 0 ]]; then
  jmh_options=(-f 1 -wi 2 -i 5 -prof gc)
fi

if [[ ! -f $jar ]]; then
  echo "missing $jar; build it: ./mvnw -B -q -pl ingest,loadtest install -DskipTests" >&2
  exit 2
fi
echo "# machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1); $("$java" -version 2>&1 | head -1); node $(node --version)"

"$java" -jar "$jar" ParserBenchmark "${jmh_options[@]}" -rf json -rff "$here/target/jmh-result.json"

(cd "$here/js-reference" && { [[ -d node_modules ]] || npm ci --no-audit --no-fund; })
for file in "$here"/target/benchmark-data/{android24,ios}-seed42-104857600B-*.txt; do
  node "$here/js-reference/parse.mjs" "$file" --runs 3
done
