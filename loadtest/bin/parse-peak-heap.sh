#!/usr/bin/env bash
# Peak heap of the ingest parser on a large generated export (default 1 GB, Android 24h).
#
# Streams the file through the parser in 1 MB chunks (dev.parley.loadtest.memory.ParseFileMain) in JVMs with
# ever smaller -Xmx, with the serial collector and GC logging. For each heap it prints the probe's JSON line:
#   maxLiveHeapAfterGcBytes  largest heap still used right after a GC: what the parser really holds (the figure
#                            compared with the < 64 MB target)
#   peakHeapUsedBytes        sum of the heap pools' peaks: mostly how far the collector let the young
#                            generation fill before collecting, so it grows with -Xmx
# plus the largest "after" value of the -Xlog:gc lines as a cross-check. A heap that is too small ends with
# status 3 (OutOfMemoryError).
#
# usage: loadtest/bin/parse-peak-heap.sh [SIZE] [STYLE]     e.g. parse-peak-heap.sh 1GB ios
# needs: ./mvnw -B -q -pl ingest,loadtest install -DskipTests (builds loadtest/target/parley-benchmarks.jar)
set -euo pipefail

size=${1:-1GB}
style=${2:-android24}
heaps=${HEAPS:-"128m 64m 32m 16m"}
here=$(cd "$(dirname "$0")/.." && pwd)
jar=$here/target/parley-benchmarks.jar
data=$here/target/benchmark-data
java=${JAVA_HOME:+$JAVA_HOME/bin/}java

if [[ ! -f $jar ]]; then
  echo "missing $jar; build it: ./mvnw -B -q -pl ingest,loadtest install -DskipTests" >&2
  exit 2
fi
mkdir -p "$data"
file=$data/peak-heap-$style-seed42-$size.txt
if [[ ! -f $file ]]; then
  "$java" -cp "$jar" dev.parley.loadtest.generator.GeneratorCli \
    --style "$style" --size "$size" --seed 42 --out "$file.tmp" >&2
  mv "$file.tmp" "$file"
fi

echo "# $("$java" -version 2>&1 | head -1); $(nproc) cores; file $(basename "$file") ($(stat -c %s "$file") bytes)"
for heap in $heaps; do
  log=$data/peak-heap-gc-$heap.log
  status=0
  result=$("$java" -Xmx"$heap" -XX:+UseSerialGC -Xlog:gc:file="$log" -cp "$jar" \
    dev.parley.loadtest.memory.ParseFileMain "$file") || status=$?
  # "[..][info][gc] GC(12) Pause Young (Allocation Failure) 33M->4M(123M) 1.234ms": keep the largest 4M
  after=$(grep -oE '[0-9]+[KMG]->[0-9]+[KMG]' "$log" | sed -E 's/.*->//' |
    awk '/K$/ {v=$0+0; v/=1024} /M$/ {v=$0+0} /G$/ {v=$0*1024} v>m {m=v} END {printf "%d", m}')
  echo "-Xmx$heap status=$status gcLogMaxAfterGcMb=$after $result"
done
