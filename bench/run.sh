#!/usr/bin/env bash
# Benchmarks of issue 9 (never part of `mvn test`). From the repository root:
#   bench/run.sh ami     [--minutes 5] [--baseline-seconds 60] [--filtered-seconds 60] [--jfr target/ami.jfr] ...
#   bench/run.sh records [--seconds 90] [--rate 0] [--lanes 2] [--max-batch 100] [--fenced true] [--calls 1000] (PostgreSQL crash-safe, as the server runs it)
#   bench/run.sh pops    [--agents 1000] [--rate 100] [--seconds 120] [--warmup 10] [--login-threads 4]
#   bench/run.sh jmh     ['Name|Other' to pick benchmarks] [JMH options, default: -wi 2 -i 3 -f 1 -w 2s -r 3s]
#   bench/run.sh dbdown  [--minutes-down 2] [--rate 10] [--minutes-before 1] [--minutes-after 1] [--agents 40]
#                        [--talk-ms 2000] [--writer-capacity 200000]   (issue 10 item 4: PostgreSQL stopped under calls; exits 1 on a failed check)
#   bench/run.sh soak    [--minutes 30] [--rate 20] [--agents 500] [--talk-ms 10000] [--window-seconds 10]
#                        [--csv cti-server/target/bench/soak.csv] [--load-heap 1g]   (issue 9 target 6; pbx-sim and
#                        the consoles run in a second JVM started by the first; exits 1 on a missed criterion)
#   bench/run.sh attack  [--race 200] [--flood 2000] [--slowloris 3000] [--slow-seconds 15] [--agi-idle 5100] [--agi-real 5]
#                        [--http PORT --agi PORT [--password P]]   (issue 20: the outside probe's attacks, figures of what
#                        the server held; it starts its own server unless --http names a running one; docs/security.md)
#   bench/run.sh text    [bench|eval] [--week 50000] [--requests 20000] | eval [--seed 20260101] [--days 90] [--per-day 300]
#                        (issue 26: text-engine timings, or the offline evaluation; both write into docs/text-intelligence.md)
#   bench/run.sh reconcile [--calls 100000] [--batch 500] [--missing 0.10] [--wrong 0.05]
#                        (issue 21: one reconciliation pass over a day of calls from CEL and queue_log, timed; exits 1 on a wrong count)
# Set BENCH_NO_BUILD=1 to skip the compile step, JAVA_OPTS for extra JVM options, BENCH_GC to replace
# the collector option (default -XX:+UseG1GC), e.g. BENCH_GC=-XX:+UseZGC, BENCH_MVN_OPTS for Maven options
# (e.g. BENCH_MVN_OPTS=-o to stay offline once the local repository holds everything: never forced here, so a
# fresh machine downloads what it lacks). A failing Maven step stops the script with Maven's own error.
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-}"; shift || true
usage="usage: bench/run.sh ami|records|pops|jmh|dbdown|soak|text|reconcile|attack [options]"
case "$what" in
  ami|records|pops|jmh|dbdown|soak|text|reconcile|attack) ;;
  *) echo "$usage" >&2; exit 2 ;;
esac
# every plugin is pinned in the root pom.xml (the enforcer fails the build otherwise), so a fresh local
# repository gets the same dependency plugin as this one
read -r -a MVN_OPTS <<< "${BENCH_MVN_OPTS:-}"
MVN=(mvn -B -q "${MVN_OPTS[@]}")
cp_file=cti-server/target/bench-classpath.txt
if [[ -z "${BENCH_NO_BUILD:-}" ]]; then
  # one reactor run: the modules compile, and the test classpath of cti-server names this tree's modules by their
  # target/ folders (never stale snapshots of ~/.m2); each module writes its own target/bench-classpath.txt
  if ! "${MVN[@]}" -pl cti-server -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
      -Dmdep.outputFile=target/bench-classpath.txt; then
    echo "bench/run.sh: the build failed (Maven's error above); nothing was run" >&2
    exit 1
  fi
elif [[ ! -s "$cp_file" ]]; then
  echo "bench/run.sh: $cp_file is missing: run once without BENCH_NO_BUILD" >&2
  exit 1
fi
# this tree's modules first (the dependency list names them by their target/ folders as well)
CP="cti-server/target/test-classes:cti-server/target/classes:schema/target/classes:pbx-sim/target/classes"
CP="$CP:ivr-scripts/target/classes:agent-softphone-api/target/classes:dialplan-contract/target/classes:$(cat "$cp_file")"
JAVA=(java -Xms2g -Xmx2g ${BENCH_GC:--XX:+UseG1GC} -Dfile.encoding=UTF-8 ${JAVA_OPTS:-} -cp "$CP")
case "$what" in
  ami)     exec "${JAVA[@]}" cn.hotline12345.cti.bench.AmiIngestBenchmark "$@" ;;
  records) exec "${JAVA[@]}" cn.hotline12345.cti.bench.CallRecordBenchmark "$@" ;;
  pops)    exec "${JAVA[@]}" cn.hotline12345.cti.bench.ScreenPopLatencyBenchmark "$@" ;;
  jmh)     regex='cn.hotline12345.cti.bench.jmh.*'
           # an optional first argument that is not an option picks benchmarks: bench/run.sh jmh 'Agi|Deadline'
           if [[ $# -gt 0 && "$1" != -* ]]; then regex="cn.hotline12345.cti.bench.jmh.($1)"; shift; fi
           if [[ $# -eq 0 ]]; then set -- -wi 2 -i 3 -f 1 -w 2s -r 3s; fi
           exec java -Dfile.encoding=UTF-8 -cp "$CP" org.openjdk.jmh.Main "$regex" "$@" ;;
  soak)    exec "${JAVA[@]}" cn.hotline12345.cti.bench.SoakBenchmark "$@" ;;
  text)    case "${1:-bench}" in
             eval)  shift; exec "${JAVA[@]}" cn.hotline12345.cti.text.bench.TextEvaluation "$@" ;;
             bench) shift; exec "${JAVA[@]}" cn.hotline12345.cti.text.bench.TextBenchmark "$@" ;;
             *)     exec "${JAVA[@]}" cn.hotline12345.cti.text.bench.TextBenchmark "$@" ;;
           esac ;;
  dbdown)  exec "${JAVA[@]}" cn.hotline12345.cti.reliability.DatabaseDownRun "$@" ;;
  reconcile) exec "${JAVA[@]}" cn.hotline12345.cti.bench.ReconcileBenchmark "$@" ;;
  attack)  exec "${JAVA[@]}" cn.hotline12345.cti.bench.AttackRun "$@" ;;
  *) echo "$usage" >&2; exit 2 ;;
esac
