# Sourced by the scripts that start a Parley server in the background (reads-benchmark.sh, import-e2e.sh,
# search-indexer-rate.sh): waiting for it, and finding the PostgreSQL it started.

# await_server PID PORT LOG: returns once the server answers ready; ends the script if the process died first
await_server() {
  until curl -sf "localhost:$2/actuator/health/readiness" > /dev/null; do
    kill -0 "$1" 2>/dev/null || { echo "server died, see $3" >&2; exit 1; }
    sleep 1
  done
}

# dev_postgres_port LOG: the port of the embedded PostgreSQL the server's log names
dev_postgres_port() {
  sed -n 's/.*PostgreSQL dev service up port=\([0-9]*\).*/\1/p' "$1" | tail -1
}
