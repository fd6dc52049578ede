#!/usr/bin/env bash
# Search indexer rate (issue 5): starts a server on a fresh home, seeds ROWS generated messages with reads-sql/seed.sql
# and times how long the search indexer takes to index them. For A/B runs of two jars, alternate them.
#
# usage: loadtest/bin/search-indexer-rate.sh JAR [ROWS]        (ROWS: 1000000)
# needs: psql on PATH; JAVA_HOME or java on PATH
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=server-ready.sh
source "$root/loadtest/bin/server-ready.sh"
jar=$1
rows=${2:-1000000}
port=${PORT:-18600}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
home=$(mktemp -d)
"$java" -Xmx1g -XX:+UseParallelGC -jar "$jar" --server.port="$port" --parley.home="$home" > "$home.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true; rm -rf "$home" "$home.log"' EXIT
await_server $server "$port" "$home.log"
pg_port=$(dev_postgres_port "$home.log")
psql_=(psql -X -q -t -A -h localhost -p "$pg_port" -U postgres -d parley -v ON_ERROR_STOP=1)
"${psql_[@]}" -v conversation=00000000-0000-0000-0000-00000000005e -v rows="$rows" -v ok_every=5 \
  -v title="indexer rate" -f "$root/loadtest/bin/reads-sql/seed.sql"
start=$(date +%s.%N)
until [[ $("${psql_[@]}" -c "SELECT coalesce(max(indexed_count), 0) >= $rows FROM search_progress") == t ]]; do
  sleep 1
done
end=$(date +%s.%N)
echo "$jar: $rows messages indexed in $(awk -v s="$start" -v e="$end" -v r="$rows" \
  'BEGIN { printf "%.1f s, %.0f messages/s", e - s, r / (e - s) }'); load average $(cut -d' ' -f1-3 /proc/loadavg)"
