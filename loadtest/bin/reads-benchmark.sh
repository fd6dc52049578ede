#!/usr/bin/env bash
# Reads benchmark (issue 5): HTTP through Gatling next to the same SQL through pgbench, in the same session, on a
# conversation of ROWS generated messages. Seeds once (SQL generate_series, then the server's own search indexer),
# keeps the data in loadtest/target/reads-bench/home for reruns.
#
# usage: loadtest/bin/reads-benchmark.sh [ROWS] [USERS...]        (defaults: 5000000, 32 64)
# env:   PORT (18500), SECONDS_PER_RUN (20), WARMUP (5), PREWARM (10: seconds of each scenario before the
#        measured runs), BENCH_GC (-XX:+UseParallelGC, as deployed), SCENARIOS ("page jump search-common
#        search-medium search-rare search-elsewhere search-global-common search-global-medium search-global-rare
#        search-rank-common search-rank-medium first-page stats"), XMX (1g), JFR=1 records the server with JFR (profile settings) into the work folder,
#        JAR (server/target/parley-server.jar; for A/B runs, a copy: a rebuild must not replace a running server's jar),
#        SERVER_OPTS (more JVM options), SERVER_ARGS (more application arguments, e.g. --spring.r2dbc.pool.max-size=8),
#        RANK_CANDIDATES (500: parley.search.rank-candidates of the server, and pgbench's for the same statements),
#        WRK=1 also sends each scenario's requests from wrk (a C client using a fraction of Gatling's CPU; the same
#        paths, from dev.parley.loadtest.reads.ReadsPaths), with columns of its own,
#        ROUNDS (1): how many times every scenario runs, round after round; with more than one, a second table gives
#        each column's median over the rounds (errors summed): on 2 shared cores a single run's p99 can swing by half
# The last column is the CPU time the server process and the Gatling JVM spent per HTTP request (user + system), on the
# 2 cores they share with PostgreSQL, between two of Gatling's progress prints inside the measured run: the JVM's start,
# its JIT warm-up and its report compete with no request, and counting them had put Gatling at 0.22 ms per page
# where it spends 0.06-0.08 ms (docs/performance.md, "Reads, tenth round").
# needs: ./mvnw -B -q package -DskipTests (server jar, loadtest classes); psql and pgbench on PATH
#        (apt-get install -y postgresql-client); with WRK=1, wrk (apt-get install -y wrk)
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=server-ready.sh
source "$root/loadtest/bin/server-ready.sh"
rows=${1:-5000000}
[[ $# -gt 0 ]] && shift
users=("$@")
[[ ${#users[@]} -eq 0 ]] && users=(32 64)
port=${PORT:-18500}
seconds=${SECONDS_PER_RUN:-20}
warmup=${WARMUP:-5}
candidates=${RANK_CANDIDATES:-500}
scenarios=${SCENARIOS:-page jump search-common search-medium search-rare search-elsewhere search-global-common search-global-medium search-global-rare search-rank-common search-rank-medium first-page stats}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
work=$root/loadtest/target/reads-bench
sql=$root/loadtest/bin/reads-sql
conversation=00000000-0000-0000-0000-00000000005e
# search-elsewhere: a small conversation in which the common word is rare
small=00000000-0000-0000-0000-00000000005f
small_rows=50000
mkdir -p "$work"

echo "# machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1); $("$java" -version 2>&1 | head -1)"
echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg); jar ${JAR:-server/target/parley-server.jar}" \
  "${SERVER_OPTS:-} ${SERVER_ARGS:-}"

cp_file=$work/gatling.classpath
(cd "$root" && ./mvnw -B -q -pl loadtest -am compile dependency:build-classpath -Dmdep.outputFile="$cp_file" > /dev/null)
gatling_cp=$root/loadtest/target/classes:$(cat "$cp_file")

jfr=()
[[ ${JFR:-0} == 1 ]] && jfr=(-XX:StartFlightRecording=filename="$work/server.jfr",settings=profile)
# ParallelGC as deployed (k8s/parley.yaml); G1's young pauses (10-35 ms every ~0.6 s at 1,000 pages/s) stall every
# request in flight
# shellcheck disable=SC2086 # SERVER_OPTS and SERVER_ARGS are lists of words
"$java" -Xmx"${XMX:-1g}" "${BENCH_GC:--XX:+UseParallelGC}" "${jfr[@]}" ${SERVER_OPTS:-} \
  -jar "${JAR:-$root/server/target/parley-server.jar}" --server.port="$port" --parley.home="$work/home" \
  --parley.search.rank-candidates="$candidates" ${SERVER_ARGS:-} \
  > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server ${gatling:-} 2>/dev/null; wait $server 2>/dev/null || true' EXIT
await_server $server "$port" "$work/server.log"
pg_port=$(dev_postgres_port "$work/server.log")
psql_=(psql -X -q -t -A -h localhost -p "$pg_port" -U postgres -d parley -v ON_ERROR_STOP=1)

seed() { # conversation rows ok_every title
  if [[ $("${psql_[@]}" -c "SELECT count(*) FROM conversations WHERE id = '$1'") == 0 ]]; then
    start=$(date +%s.%N)
    "${psql_[@]}" -v conversation="$1" -v rows="$2" -v ok_every="$3" -v title="$4" -f "$sql/seed.sql"
    echo "# seeded $2 messages ($4) in $(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.0f", e - s }') s"
    start=$(date +%s.%N)
    until [[ $("${psql_[@]}" -c "SELECT coalesce(max(indexed_count), 0) >= $2 FROM search_progress
                                  WHERE conversation_id = '$1'") == t ]]; do sleep 2; done
    took=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.0f", e - s }')
    echo "# search indexer caught up in $took s ($(($2 / (took > 0 ? took : 1))) messages/s)"
  fi
}
seed "$conversation" "$rows" 5 "reads benchmark"
seed "$small" "$small_rows" 5000 "reads benchmark, small"
"${psql_[@]}" -c "VACUUM ANALYZE messages" -c "VACUUM ANALYZE message_search"
range=$("${psql_[@]}" -F' ' -c "SELECT to_char(first_sent_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),
  to_char(last_sent_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM conversations WHERE id = '$conversation'")
read -r first last <<< "$range"

# the SQL each scenario sends (stats and first pages: the metadata read that a cache hit costs at most)
script_of() {
  case $1 in
    page) echo "$sql/page.sql" ;;
    jump) echo "$sql/jump.sql" ;;
    # the server's first statement, which fills the page for all three words (the walk for `ok` and `photo`, the
    # GIN branch for `zebra`)
    search-common | search-medium | search-rare | search-elsewhere) echo "$sql/search-planned.sql" ;;
    search-global-*) echo "$sql/search-global.sql" ;;
    search-rank-*) echo "$sql/search-ranked.sql" ;;
    first-page | stats) echo "$sql/state.sql" ;;
  esac
}

word_of() { case $1 in *-rare) echo zebra ;; *-medium) echo photo ;; *) echo ok ;; esac; }

# the session settings of the server's connections for the scenario: search runs on connections that plan generically
# (SearchConnections)
options_of() { case $1 in search-*) echo "-c plan_cache_mode=force_generic_plan" ;; *) echo "" ;; esac; }

conversation_of() { case $1 in search-elsewhere) echo "$small" ;; *) echo "$conversation" ;; esac; }

pgbench_run() { # scenario clients -> "tps p50 p99"
  rm -f "$work"/pgbench_log.*
  (cd "$work" && PGOPTIONS=$(options_of "$1") pgbench -h localhost -p "$pg_port" -U postgres -n -M prepared -c "$2" -j 2 -T "$seconds" \
    -D conversation="$(conversation_of "$1")" -D limit=51 -D window=2000 -D candidates="$candidates" -D owner=local -D maxo=$((rows - 51)) -D word="$(word_of "$1")" -f "$(script_of "$1")" -l --log-prefix=pgbench_log parley \
    > "$work/pgbench.out" 2>&1)
  tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$work/pgbench.out" | head -1)
  cat "$work"/pgbench_log.* | awk '{ print $3 }' | sort -n > "$work/pgbench.latencies"
  n=$(wc -l < "$work/pgbench.latencies")
  p50=$(sed -n "$((n / 2 + 1))p" "$work/pgbench.latencies")
  p99=$(sed -n "$((n * 99 / 100 + 1))p" "$work/pgbench.latencies")
  awk -v t="$tps" -v a="$p50" -v b="$p99" 'BEGIN { printf "%.0f %.2f %.2f", t, a / 1000, b / 1000 }'
}

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; } # user + system CPU of a process, in clock ticks

gatling_run() { # scenario users -> "rps p50 p99 errors server-CPU-ms/request Gatling-CPU-ms/request"
  results=$work/gatling/$1-$2
  rm -rf "$results"
  : > "$work/gatling.out" # emptied before progress_cpu reads it, not when the background job opens it
  # Gatling on JDK 17+ needs java.lang opened, as its own launchers do
  "$java" -Xmx1g --add-opens=java.base/java.lang=ALL-UNNAMED -Dlogback.configurationFile="$root/loadtest/bin/gatling-logback.xml" \
    -cp "$gatling_cp" -Dreads.url="http://127.0.0.1:$port" -Dreads.conversation="$conversation" -Dreads.small="$small" \
    -Dreads.first="$first" -Dreads.last="$last" -Dreads.scenario="$1" -Dreads.users="$2" \
    -Dreads.seconds="$seconds" -Dreads.warmup="$warmup" \
    io.gatling.app.Gatling --simulation dev.parley.loadtest.reads.ReadsSimulation --results-folder "$results" \
    > "$work/gatling.out" 2>&1 &
  gatling=$!
  progress_cpu "$server" "$gatling" "$work/gatling.out" > "$work/gatling.cpu"
  if ! wait "$gatling"; then tail -20 "$work/gatling.out" >&2; return 1; fi
  gatling_stats "$results" "$1"
}

# server-pid Gatling-pid Gatling-output -> "seconds-elapsed server-ticks Gatling-ticks" at each of Gatling's progress
# prints (every 5 s, and once more with the summary when the run ends), read within 0.1 s of the print, until Gatling
# exits; the polling itself costs about 1% of a core
progress_cpu() {
  local seen=0 prints
  while kill -0 "$2" 2> /dev/null; do
    prints=$(grep -c 'elapsed *$' "$3" || true)
    while ((seen < prints)); do
      seen=$((seen + 1))
      echo "$(grep 'elapsed *$' "$3" | sed -n "${seen}p" | awk '{ print $(NF - 1) }' | tr -d s)" \
        "$(cpu_ticks "$1")" "$(cpu_ticks "$2" 2> /dev/null || echo 0)"
    done
    sleep 0.1
  done
}

# results-folder request-name -> "rps p50 p99 errors server-ms/req Gatling-ms/req": the figures from the report's
# statistics table; the CPU per request between the first progress print after the warm-up and the last one within the
# measured run, over the requests Gatling counted between those prints ("n/a" when the run is too short for two)
gatling_stats() {
  python3 - "$1" "$2" "$seconds" "$warmup" "$work/gatling.out" "$work/gatling.cpu" "$(getconf CLK_TCK)" <<'PY'
import glob, html, re, sys
results, name, seconds, warmup, out, cpu, tick = sys.argv[1:8]
page = open(glob.glob(results + "/*/index.html")[0], encoding="utf-8").read()
line = None
for row in re.findall(r"<tr id=\"req_.*?</tr>", page, re.S):
    # col-2 total, col-4 KO, col-8 p50, col-11 p99 (ms, whole numbers)
    cols = dict(re.findall(r"<td class=\"value \w+ col-(\d+)\">([^<]*)</td>", row))
    if html.unescape(re.search(r"ellipsed-name\">([^<]*)<", row).group(1)) == name:
        line = "%.0f %s %s %s" % (int(cols["2"]) / float(seconds), cols["8"], cols["11"], cols["4"])
counts = []  # the requests named `name` so far, at each progress print
for text in open(out, encoding="utf-8"):
    if re.search(r"elapsed *$", text):
        counts.append(0)
    found = re.match(r"> (.+?) +\| +([\d,]+) \|", text)
    if counts and found and found.group(1) == name:
        counts[-1] = int(found.group(2).replace(",", ""))
# the last print is the summary after the run, sampled as Gatling stops and starts its report: left out
prints = [(int(e), int(s), int(g), n) for (e, s, g), n in zip((l.split() for l in open(cpu)), counts)][:-1]
window = [p for p in prints if int(warmup) < p[0] <= int(warmup) + int(seconds)]
if len(window) < 2 or window[-1][3] <= window[0][3]:
    print(line, "n/a n/a")
else:
    (_, s0, g0, n0), (_, s1, g1, n1) = window[0], window[-1]
    ms = 1000.0 / int(tick) / (n1 - n0)
    print("%s %.2f %.2f" % (line, (s1 - s0) * ms, (g1 - g0) * ms))
PY
}

# scenario users -> "rps p50 p99 errors server-CPU-ms/request" from wrk: 2 threads, users connections, each sending
# its next request when the previous answer arrived (closed, as Gatling and pgbench)
wrk_run() {
  paths=$work/wrk-$1.paths
  "$java" -cp "$gatling_cp" -Dreads.url="http://127.0.0.1:$port" -Dreads.conversation="$conversation" \
    -Dreads.small="$small" -Dreads.first="$first" -Dreads.last="$last" dev.parley.loadtest.reads.ReadsPaths "$1" 2000 \
    > "$paths"
  WRK_PATHS=$paths wrk -t 2 -c "$2" -d 2s -s "$root/loadtest/bin/reads-wrk.lua" "http://127.0.0.1:$port" > /dev/null
  before=$(cpu_ticks "$server")
  WRK_PATHS=$paths wrk -t 2 -c "$2" -d "${seconds}s" --latency -s "$root/loadtest/bin/reads-wrk.lua" \
    "http://127.0.0.1:$port" > "$work/wrk.out"
  server_ms=$(( ($(cpu_ticks "$server") - before) * 1000 / $(getconf CLK_TCK) ))
  awk -v cpu="$server_ms" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) }
    /requests in/ { total = $1 } /Non-2xx/ { errors = $NF } /Requests\/sec/ { rps = $2 }
    END { printf "%.0f %.1f %.1f %d %.2f", rps, p50, p99, errors, cpu / total }' "$work/wrk.out"
}

# rows of the table -> one row per scenario and users, each figure the median of its rounds' (errors summed; "n/a"
# and empty cells left out of a median)
medians() {
  python3 - "$1" <<'PY'
import re, statistics, sys
groups = {}
for line in open(sys.argv[1], encoding="utf-8"):
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    groups.setdefault((cells[0], cells[1]), []).append(cells[2:])
def median(values):
    numbers = [float(v.rstrip("%")) for v in values if re.fullmatch(r"-?[\d.]+%?", v)]
    if not numbers:
        return "n/a"
    m = statistics.median(numbers)
    return ("%.0f%%" if values[0].endswith("%") else "%g") % m
for (scenario, users), rows in groups.items():
    out = []
    for i, cell in enumerate(rows[0]):
        column = [row[i] for row in rows]
        if " / " in cell:
            parts = [c.split(" / ") for c in column]
            out.append(" / ".join(median([p[j] for p in parts]) for j in range(len(parts[0]))))
        elif i in (2, 9):  # errors: Gatling's, wrk's
            out.append("%d" % sum(int(c) for c in column if c.isdigit()))
        else:
            out.append(median(column))
    print("| %s | %s | %s |" % (scenario, users, " | ".join(out)))
PY
}

# the server's JIT warms up on every scenario first (unmeasured): otherwise the first scenario in the table runs on a
# cold server and reads slower than the same scenario would later in the session
if [[ ${PREWARM:-10} -gt 0 ]]; then
  for scenario in $scenarios; do
    seconds=${PREWARM:-10} warmup=1 gatling_run "$scenario" "${users[0]}" > /dev/null
  done
fi

echo
wrk_header=
[[ ${WRK:-0} == 1 ]] && wrk_header=" wrk req/s | wrk p50 / p99 ms | wrk errors | wrk/SQL rate | CPU ms/req server (wrk) |"
echo "| Scenario | Users | HTTP req/s | HTTP p50 / p99 ms | errors | pgbench tps | pgbench p50 / p99 ms | HTTP/SQL rate | CPU ms/req server / Gatling |$wrk_header"
echo "|---|---|---|---|---|---|---|---|---|${wrk_header:+---|---|---|---|---|}"
rounds=${ROUNDS:-1}
: > "$work/rows.md"
for ((round = 1; round <= rounds; round++)); do
for scenario in $scenarios; do
  for n in "${users[@]}"; do
    read -r tps sp50 sp99 <<< "$(pgbench_run "$scenario" "$n")"
    read -r rps hp50 hp99 ko server_cpu gatling_cpu <<< "$(gatling_run "$scenario" "$n")"
    ratio=$(awk -v r="$rps" -v t="$tps" 'BEGIN { printf "%.0f%%", 100 * r / t }')
    wrk_columns=
    if [[ ${WRK:-0} == 1 ]]; then
      read -r wrps wp50 wp99 wko wcpu <<< "$(wrk_run "$scenario" "$n")"
      wrk_columns=" $wrps | $wp50 / $wp99 | $wko | $(awk -v r="$wrps" -v t="$tps" 'BEGIN { printf "%.0f%%", 100 * r / t }') | $wcpu |"
    fi
    echo "| $scenario | $n | $rps | $hp50 / $hp99 | $ko | $tps | $sp50 / $sp99 | $ratio | $server_cpu / $gatling_cpu |$wrk_columns" \
      | tee -a "$work/rows.md"
  done
done
done
echo
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
if ((rounds > 1)); then
  echo
  echo "Median of $rounds rounds (errors: the sum):"
  echo
  echo "| Scenario | Users | HTTP req/s | HTTP p50 / p99 ms | errors | pgbench tps | pgbench p50 / p99 ms | HTTP/SQL rate | CPU ms/req server / Gatling |$wrk_header"
  echo "|---|---|---|---|---|---|---|---|---|${wrk_header:+---|---|---|---|---|}"
  medians "$work/rows.md"
fi
