#!/usr/bin/env bash
# Runs the cqrs4j benchmarks and writes a markdown results table.
#
#   cqrs4j-benchmarks/run.sh [--store memory|sqlite|postgres|mysql] [--duration 20s] [--clients N]
#                            [--warmup 5s] [--repeat 2] [--accounts 1000] [--skip-jmh] [--no-build]
#
# In order: JMH (in-memory hot paths), the load driver (framework vs raw baseline in the same run),
# history growth (10 .. 100,000 events), and a 1,000,000-event replay with -Xmx128m (when PostgreSQL
# is reachable). Results go to cqrs4j-benchmarks/target/results.md. The last line printed is
# `framework/raw ratio: R`: event sourced, the chosen store, 16 clients.
# PostgreSQL settings: CQRS4J_BENCH_PG_URL (default jdbc:postgresql://127.0.0.1:5432/test),
# CQRS4J_BENCH_PG_USER (default postgres), CQRS4J_BENCH_PG_PASSWORD. MySQL/MariaDB:
# CQRS4J_BENCH_MYSQL_URL (default jdbc:mariadb://127.0.0.1:3306/test), CQRS4J_BENCH_MYSQL_USER
# (default root), CQRS4J_BENCH_MYSQL_PASSWORD. SQLite: CQRS4J_BENCH_SQLITE_FILE (default
# target/bench.sqlite).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"

store=memory duration=20s clients=16 warmup=5s repeat=2 accounts=1000 jmh=yes build=yes
while [ $# -gt 0 ]; do
  case "$1" in
    --store) store="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --clients) clients="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --repeat) repeat="$2"; shift 2 ;;
    --accounts) accounts="$2"; shift 2 ;;
    --skip-jmh) jmh=no; shift ;;
    --no-build) build=no; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "unknown option '$1'; see $0 --help" >&2; exit 2 ;;
  esac
done
case "$store" in
  memory|postgres|sqlite|mysql) ;;
  *) echo "--store must be memory, sqlite, postgres or mysql, not '$store'" >&2; exit 2 ;;
esac

log() { printf '[run.sh] %s\n' "$*" >&2; }

# --- a JDK 21 or newer ---------------------------------------------------------------------------
java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n 1
}
current_java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if ! command -v "$current_java" >/dev/null 2>&1 || [ "$(java_major "$current_java" || echo 0)" -lt 21 ]; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    if [ -x "$candidate/bin/javac" ] && [ "$(java_major "$candidate/bin/java" || echo 0)" -ge 21 ]; then
      export JAVA_HOME="$candidate"
      break
    fi
  done
fi
if [ -z "${JAVA_HOME:-}" ] || [ "$(java_major "$JAVA_HOME/bin/java" || echo 0)" -lt 21 ]; then
  echo "no JDK 21+ found: install one and set JAVA_HOME" >&2
  exit 1
fi
export PATH="$JAVA_HOME/bin:$PATH"
if [ "$(java_major "$JAVA_HOME/bin/java")" -ge 24 ]; then
  export MAVEN_OPTS="${MAVEN_OPTS:-} --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow"
fi
log "JDK: $JAVA_HOME"

# --- build -----------------------------------------------------------------------------------------
jar="$here/target/cqrs4j-benchmarks.jar"
if [ "$build" = yes ]; then
  m2="${HOME}/.m2/repository/io/cqrs4j"
  also_make=""
  for module in cqrs4j-core cqrs4j-jackson cqrs4j-jdbc cqrs4j-postgres cqrs4j-mysql cqrs4j-sqlite; do
    ls "$m2/$module/0.1.0-SNAPSHOT/"*.jar >/dev/null 2>&1 || also_make="-am"
  done
  log "building cqrs4j-benchmarks ${also_make:+(with the modules it needs)}"
  (cd "$root" && mvn -B -q -pl cqrs4j-benchmarks $also_make package -DskipTests)
fi
[ -f "$jar" ] || { echo "$jar is missing: run without --no-build" >&2; exit 1; }

results="$here/target/results.md"
quiet="-Dorg.slf4j.simpleLogger.defaultLogLevel=warn --enable-native-access=ALL-UNNAMED"   # sqlite-jdbc loads a native library
{
  echo "# cqrs4j benchmark results"
  echo
  echo "$(date -u +%Y-%m-%dT%H:%M:%SZ), \`run.sh --store $store --duration $duration --clients $clients --warmup $warmup --repeat $repeat\`;"
  echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB memory, $(uname -sr), load average $(cut -d' ' -f1-3 /proc/loadavg) at the start."
} > "$results"

# --- JMH -------------------------------------------------------------------------------------------
if [ "$jmh" = yes ]; then
  log "JMH: in-memory hot paths (1 fork, 2 x 1 s warm-up, 3 x 1 s measured per benchmark)"
  java -jar "$jar" -f 1 -wi 2 -w 1s -i 3 -r 1s -rf csv -rff "$here/target/jmh.csv" >"$here/target/jmh.log" 2>&1 \
    || { tail -n 30 "$here/target/jmh.log" >&2; exit 1; }
  {
    echo
    echo "### JMH (single thread, in memory)"
    echo
    echo "| benchmark | param | mode | score | ± error (99.9%) | unit |"
    echo "| --- | --- | --- | --- | --- | --- |"
    # CSV: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit",params...
    tail -n +2 "$here/target/jmh.csv" | tr -d '"\r' | awk -F, '{
      name=$1; sub(/^io\.cqrs4j\.benchmarks\.jmh\./, "", name);
      param=""; for (i = 8; i <= NF; i++) if ($i != "") param = (param == "" ? $i : param " " $i);
      printf "| %s | %s | %s | %.3f | %.3f | %s |\n", name, param, $2, $5, $6, $7 }'
  } >> "$results"
fi

# --- load driver -----------------------------------------------------------------------------------
pg_up=no
if command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h 127.0.0.1 -p 5432; then pg_up=yes; fi
if [ "$store" = postgres ] && [ "$pg_up" = no ]; then
  echo "PostgreSQL is not reachable on 127.0.0.1:5432; start it or use --store memory" >&2
  exit 1
fi
if [ "$store" = mysql ] && ! { command -v mariadb-admin >/dev/null 2>&1 && mariadb-admin -h 127.0.0.1 -u root ping >/dev/null 2>&1; } \
   && [ -z "${CQRS4J_BENCH_MYSQL_URL:-}" ]; then
  echo "MariaDB/MySQL is not reachable on 127.0.0.1:3306; start it, set CQRS4J_BENCH_MYSQL_URL, or use --store memory" >&2
  exit 1
fi

log "load driver: --store $store, $clients clients, $accounts accounts, $warmup + $duration, $repeat repeats"
driver_log="$here/target/load-driver.log"
heap=$([ "$store" = memory ] && echo 12g || echo 4g)   # in memory, tens of millions of events are kept
java $quiet -Xms1g -Xmx$heap -cp "$jar" io.cqrs4j.benchmarks.LoadDriver --store "$store" --duration "$duration" \
  --warmup "$warmup" --clients "$clients" --accounts "$accounts" --repeat "$repeat" --out "$results" >"$driver_log"
ratio_line="$(grep '^framework/raw ratio: ' "$driver_log" | tail -n 1)"

# --- history growth --------------------------------------------------------------------------------
log "history growth: 10 .. 100,000 events ($([ "$store" = memory ] && echo memory || echo "memory and $store"))"
java $quiet -Xmx2g -cp "$jar" io.cqrs4j.benchmarks.HistoryGrowth --store "$store" --out "$results" >/dev/null

# --- replay with a small heap ----------------------------------------------------------------------
if [ "$pg_up" = yes ]; then
  log "replay of 1,000,000 events with -Xmx128m"
  java $quiet -Xmx128m -cp "$jar" io.cqrs4j.benchmarks.ReplayMemory --events 1000000 --out "$results" >/dev/null
else
  log "PostgreSQL is not reachable: the 1,000,000-event replay is skipped"
  printf '\n### Replay\n\nSkipped: PostgreSQL was not reachable.\n' >> "$results"
fi

log "results: $results"
cat "$results"
echo
echo "$ratio_line"
