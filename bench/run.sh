#!/usr/bin/env bash
# Benchmarks of issue 9 (never part of `mvn test`). From the repository root:
#   bench/run.sh ami     [--minutes 5] [--baseline-seconds 60] [--filtered-seconds 60] [--jfr target/ami.jfr] ...
#   bench/run.sh records [--seconds 90] [--rate 0] [--lanes 2] [--max-batch 100] [--durable true] ...
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
# Set BENCH_NO_BUILD=1 to skip the compile step, JAVA_OPTS for extra JVM options, BENCH_GC to replace
# the collector option (default -XX:+UseG1GC), e.g. BENCH_GC=-XX:+UseZGC.
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-}"; shift || true
if [[ -z "${BENCH_NO_BUILD:-}" ]]; then
  mvn -q -o -pl cti-server -am test-compile
fi
cp_file=cti-server/target/bench-classpath.txt
if [[ ! -s "$cp_file" || cti-server/pom.xml -nt "$cp_file" ]]; then
  mvn -q -o -pl cti-server dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=bench-classpath.txt >/dev/null
  mv cti-server/bench-classpath.txt "$cp_file" 2>/dev/null || true
fi
# this tree's modules first; the dependency list names their ~/.m2 snapshots too
CP="cti-server/target/test-classes:cti-server/target/classes:schema/target/classes:pbx-sim/target/classes"
CP="$CP:ivr-scripts/target/classes:agent-softphone-api/target/classes:$(cat "$cp_file")"
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
  attack)  exec "${JAVA[@]}" cn.hotline12345.cti.bench.AttackRun "$@" ;;
  *) echo "usage: bench/run.sh ami|records|pops|jmh|dbdown|soak|text|attack [options]" >&2; exit 2 ;;
esac
