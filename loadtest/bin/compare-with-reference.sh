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

reference() {
  for file in "$here"/target/benchmark-data/{android24,ios}-seed42-104857600B-*.txt; do
    [[ -f $file ]] && node "$here/js-reference/parse.mjs" "$file" --runs 3
  done
  return 0
}

(cd "$here/js-reference" && { [[ -d node_modules ]] || npm ci --no-audit --no-fund; })
# the reference before and after JMH brackets the noise of a shared machine
echo "# reference before JMH (skipped on the first run, when JMH has not generated the files yet)"
reference
echo "# load: $(cut -d' ' -f1-3 /proc/loadavg)"
"$java" -jar "$jar" ParserBenchmark "${jmh_options[@]}" -rf json -rff "$here/target/jmh-result.json"
echo "# load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# reference after JMH"
reference

# JMH prints means; docs/performance.md quotes medians of the measurement iterations
node -e '
  const runs = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const median = (v) => { const s = [...v].sort((a, b) => a - b), m = s.length >> 1;
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
  for (const run of runs) {
    const p = run.params, sec = run.secondaryMetrics;
    const raw = (name) => sec[name] ? sec[name].rawData.flat() : [];
    const mb = raw("megabytes"), msgs = raw("messages");
    const cpu = raw("cpuSeconds"), parsed = raw("megabytesParsed");
    const perCpuSecond = parsed.map((m, i) => m / cpu[i]);
    const alloc = sec["gc.alloc.rate.norm"];
    const perMessage = alloc ? alloc.score / (median(msgs) / median(mb) * p.sizeMb) : NaN;
    console.log(JSON.stringify({ style: p.style, sizeMb: +p.sizeMb,
      medianMbPerSecond: +median(mb).toFixed(1), minMbPerSecond: +Math.min(...mb).toFixed(1),
      maxMbPerSecond: +Math.max(...mb).toFixed(1), medianMessagesPerSecond: Math.round(median(msgs)),
      medianMbPerCpuSecond: +median(perCpuSecond).toFixed(1),
      allocatedBytesPerMessage: Math.round(perMessage) }));
  }' "$here/target/jmh-result.json"
