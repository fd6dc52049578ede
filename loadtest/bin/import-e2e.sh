#!/usr/bin/env bash
# End-to-end import benchmark (issue 4): a generated export uploaded over HTTP until every message is stored, then,
# in the same session and on the same PostgreSQL, the same rows loaded with psql \copy into a copy of the messages
# table with the same indexes (the machine's ceiling).
#
# usage: loadtest/bin/import-e2e.sh [SIZE] [XMX]     (defaults: 1GB, 512m)
#   BENCH_PORT   the server's port (default 8097); BENCH_DIR  work directory (default loadtest/target/import-e2e)
#   BENCH_JFR    when set, a JFR recording of the server during the import is written to this file
#   BENCH_GC     the server's collector (default -XX:+UseParallelGC); BENCH_JVM_OPTIONS  more server JVM options
# needs: ./mvnw -B -q package -DskipTests (server jar, loadtest jar); psql on PATH
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=server-ready.sh
source "$root/loadtest/bin/server-ready.sh"
size=${1:-1GB}
xmx=${2:-512m}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
work=${BENCH_DIR:-$root/loadtest/target/import-e2e}
port=${BENCH_PORT:-8097}
mkdir -p "$work"
file=$work/android-$size.txt

echo "# machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1); $("$java" -version 2>&1 | head -1)"
if [[ ! -f $file ]]; then
  "$java" -cp "$root/loadtest/target/parley-loadtest-0.1.0-SNAPSHOT.jar:$root/ingest/target/parley-ingest.jar" \
    dev.parley.loadtest.generator.GeneratorCli --style android24 --size "$size" --seed 42 --out "$file" >&2
fi
bytes=$(stat -c %s "$file")

rm -rf "$work/home"
# shellcheck disable=SC2086 # BENCH_JVM_OPTIONS is a list of options
# the GC log gives the heap used before each collection, the peak the heap must cover, at no cost to the run (a
# jcmd per sample is a JVM start each time, half a core at two samples a second)
# ParallelGC as deployed (k8s/parley.yaml): 11-21% less server CPU than G1 for the same import at -Xmx512m
"$java" -Xmx"$xmx" "${BENCH_GC:--XX:+UseParallelGC}" -Xlog:gc:file="$work/gc.log" ${BENCH_JVM_OPTIONS:-} -jar "$root/server/target/parley-server.jar" --server.port="$port" --parley.home="$work/home" \
  --parley.kafka.partitions=6 > "$work/server.log" 2>&1 &
server=$!
trap 'kill -CONT $server 2>/dev/null; kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
await_server $server "$port" "$work/server.log"
pg_port=$(dev_postgres_port "$work/server.log")


# CPU seconds (user + system, all threads) of the server JVM, the broker JVM and PostgreSQL (postmaster and its
# children), so a profile says which process the two cores went to
clk=$(getconf CLK_TCK)
cpu_of() { local t=0 p; for p in "$@"; do [[ -r /proc/$p/stat ]] && t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo "$t"; }
# the postmaster's own time counts the backends that have exited (psql's among them)
cpu_with_exited_children() { awk '{print $14 + $15 + $16 + $17}' "/proc/$1/stat"; }
broker_pid=$(cat "$work/home/kafka/broker.pid")
postmaster_pid=$(head -1 "$work/home/postgres/postmaster.pid")
cpu_snapshot() {
  echo "$(cpu_of $server) $(cpu_of "$broker_pid") $(($(cpu_with_exited_children "$postmaster_pid") + $(cpu_of $(pgrep -P "$postmaster_pid"))))"
}
[[ -n ${BENCH_JFR:-} ]] && jcmd $server JFR.start name=import settings=profile filename="$BENCH_JFR" > /dev/null
read -r cpu_server0 cpu_broker0 cpu_pg0 <<< "$(cpu_snapshot)"

start=$(date +%s.%N)
id=$(curl -sf -X POST --data-binary @"$file" -H 'Content-Type: text/plain' \
  "localhost:$port/api/v1/imports?fileName=$(basename "$file")" | sed -n 's/^{"id":"\([^"]*\)".*/\1/p')
uploaded=$(date +%s.%N)
while :; do
  state=$(curl -sf "localhost:$port/api/v1/imports/$id")
  [[ $state == *'"status":"COMPLETED"'* ]] && break
  [[ $state == *'"status":"FAILED"'* ]] && { echo "import failed: $state" >&2; exit 1; }
  sleep 0.5
done
done_at=$(date +%s.%N)
read -r cpu_server1 cpu_broker1 cpu_pg1 <<< "$(cpu_snapshot)"
[[ -n ${BENCH_JFR:-} ]] && jcmd $server JFR.stop name=import > /dev/null
heap_peak_mb=$(sed -n 's/.* \([0-9]*\)M->[0-9]*M([0-9]*M).*/\1/p' "$work/gc.log" | sort -n | tail -1)
messages=$(echo "$state" | sed -n 's/.*"messagesStored":\([0-9]*\).*/\1/p')
conversation=$(echo "$state" | sed -n 's/.*"conversationId":"\([^"]*\)".*/\1/p')

psql_=(psql -X -q -h localhost -p "$pg_port" -U postgres -d parley -v ON_ERROR_STOP=1)
"${psql_[@]}" -c "\\copy (SELECT * FROM messages WHERE conversation_id = '$conversation') TO '$work/rows.copy'"
"${psql_[@]}" -c "DROP TABLE IF EXISTS messages_ceiling; CREATE TABLE messages_ceiling (LIKE messages INCLUDING ALL);"
# the reference gets the machine to itself: the server (whose enrichment and search indexing are still catching up)
# is paused while psql loads, and resumed afterwards only to be stopped
kill -STOP $server
backends=$(pgrep -c -P "$postmaster_pid")
read -r _ _ cpu_pg_copy0 <<< "$(cpu_snapshot)"
copy_start=$(date +%s.%N)
"${psql_[@]}" -c "\\copy messages_ceiling FROM '$work/rows.copy'"
copy_end=$(date +%s.%N)
# psql's backend counts once the postmaster has reaped it
for _ in {1..50}; do
  [[ $(pgrep -c -P "$postmaster_pid") -le $backends ]] && break
  sleep 0.1
done
read -r _ _ cpu_pg_copy1 <<< "$(cpu_snapshot)"
kill -CONT $server
"${psql_[@]}" -c "DROP TABLE messages_ceiling"

awk -v b="$bytes" -v m="$messages" -v s="$start" -v u="$uploaded" -v d="$done_at" -v cs="$copy_start" -v ce="$copy_end" \
  -v heap="$heap_peak_mb" -v clk="$clk" -v ncpu="$(nproc)" \
  -v cs0="$cpu_server0" -v cs1="$cpu_server1" -v cb0="$cpu_broker0" -v cb1="$cpu_broker1" -v cp0="$cpu_pg0" -v cp1="$cpu_pg1" \
  -v cc0="$cpu_pg_copy0" -v cc1="$cpu_pg_copy1" -v load="$(cut -d' ' -f1-3 /proc/loadavg)" 'BEGIN {
  e2e = d - s; up = u - s; copy = ce - cs;
  printf "file: %.0f MB, messages: %d\n", b / 1048576, m;
  printf "upload taken after: %.1f s (%.0f messages/s parsed+published)\n", up, m / up;
  printf "end to end (upload until every message stored): %.1f s, %.0f messages/s, %.1f MB/s\n", e2e, m / e2e, b / 1048576 / e2e;
  printf "CPU during the import (s): server JVM %.1f, Kafka broker JVM %.1f, PostgreSQL %.1f (wall %.1f s x %d cores)\n",
    (cs1 - cs0) / clk, (cb1 - cb0) / clk, (cp1 - cp0) / clk, e2e, ncpu;
  printf "server heap peak (used before a collection, GC log): %d MB\n", heap;
  printf "psql \\copy of the same rows into a same-shaped table: %.1f s, %.0f rows/s\n", copy, m / copy;
  printf "PostgreSQL CPU during the \\copy: %.1f s\n", (cc1 - cc0) / clk;
  printf "ratio end to end / \\copy: %.2f\n", (m / e2e) / (m / copy);
  printf "load average after: %s\n", load }'
