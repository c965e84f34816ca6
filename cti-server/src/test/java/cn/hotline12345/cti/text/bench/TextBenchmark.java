package cn.hotline12345.cti.text.bench;

import cn.hotline12345.cti.text.api.DictionaryStore;
import cn.hotline12345.cti.text.api.DispatchRequest;
import cn.hotline12345.cti.text.api.HotTopicReport;
import cn.hotline12345.cti.text.api.MatterText;
import cn.hotline12345.cti.text.api.ModelInfo;
import cn.hotline12345.cti.text.api.SimilarMatters;
import cn.hotline12345.cti.text.internal.TextEngine;
import cn.hotline12345.cti.text.synth.HotlineHistoryGenerator;
import cn.hotline12345.cti.text.synth.SyntheticHistory;
import cn.hotline12345.cti.text.synth.SyntheticMatter;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

/**
 * {@code bench/run.sh text bench [--week 50000] [--requests 20000]}: timings of the text engine, a plain timed
 * harness (JMH would add nothing to single-request percentiles and cannot time a 30-second clustering run).
 * Targets of issue 26: suggestion p99 under 20 ms; clustering a week of 50,000 matters under 30 s.
 */
public final class TextBenchmark {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    public static void main(String[] args) throws Exception {
        int week = DocsSection.intArg(args, "--week", 50_000);
        int requests = DocsSection.intArg(args, "--requests", 20_000);
        String machine = DocsSection.machine();
        StringBuilder md = new StringBuilder();
        md.append("Run of `bench/run.sh text bench --week ").append(week).append(" --requests ").append(requests)
                .append("` on ").append(machine).append(".\n\n| what | figure |\n|---|---|\n");

        SyntheticHistory history = new HotlineHistoryGenerator(HotlineHistoryGenerator.Options.defaults()
                .withSeed(20260101)).generate();
        long t0 = System.nanoTime();
        TextEngine engine = TextEngine.create(DictionaryStore.none(), history).warmUp();
        row(md, "engine start (HanLP dictionaries, first lexicon)", ms(System.nanoTime() - t0));
        long cpu0 = cpu();
        t0 = System.nanoTime();
        ModelInfo info = engine.dispatch().retrain();
        row(md, "retrain on " + info.examples() + " dispatches (" + info.units() + " units, " + info.vocabulary()
                + " features)", ms(System.nanoTime() - t0) + " (CPU " + ms(cpu() - cpu0) + ")");

        SyntheticHistory probes = new HotlineHistoryGenerator(HotlineHistoryGenerator.Options.defaults().withSeed(99)
                .withDays(30, 1000)).generate();
        List<SyntheticMatter> asks = probes.matters();
        for (int i = 0; i < 5_000; i++) {
            suggest(engine, asks.get(i % asks.size()));
        }
        long[] lat = new long[requests];
        for (int i = 0; i < requests; i++) {
            long s = System.nanoTime();
            suggest(engine, asks.get((i * 7) % asks.size()));
            lat[i] = System.nanoTime() - s;
        }
        row(md, "dispatch suggestion, " + requests + " requests one after another", percentiles(lat));

        SimilarMatters index = engine.newSimilarMattersIndex();
        t0 = System.nanoTime();
        for (int i = 0; i < 20_000; i++) {
            index.add(asks.get(i).openMatter());
        }
        row(md, "similar-matter index: add 20,000 open matters", ms(System.nanoTime() - t0));
        long[] q = new long[5_000];
        for (int i = 0; i < q.length; i++) {
            long s = System.nanoTime();
            index.query(asks.get(20_000 + i).openMatter(), 5);
            q[i] = System.nanoTime() - s;
        }
        row(md, "similar-matter query against 20,000 open, 5,000 queries", percentiles(q));
        long[] u = new long[requests];
        for (int i = 0; i < requests; i++) {
            long s = System.nanoTime();
            engine.urgency().screen(asks.get(i % asks.size()).description());
            u[i] = System.nanoTime() - s;
        }
        row(md, "urgency screen, " + requests + " intake texts", percentiles(u));

        // a week of `week` matters: 7 days at the daily volume that gives it, and the week before it as previous window
        int perDay = (int) Math.round(week / (5 + 2 * 0.8));
        SyntheticHistory big = new HotlineHistoryGenerator(HotlineHistoryGenerator.Options.defaults().withSeed(5)
                .withDays(14, perDay).withIncidents(12)).generate();
        Instant from = LocalDate.of(2025, 12, 8).atStartOfDay(CHINA).toInstant();
        Instant to = from.plus(Duration.ofDays(7));
        List<MatterText> weekOnly = big.matterTexts(from, to);
        List<MatterText> both = big.matters().stream().map(SyntheticMatter::matterText).toList();
        System.gc();
        cpu0 = cpu();
        t0 = System.nanoTime();
        HotTopicReport r = engine.hotTopics().find(weekOnly, from, to, 50, 3);
        row(md, "hot topics of one week: " + r.inWindow() + " matters, " + r.topics().size() + " topics reported",
                ms(System.nanoTime() - t0) + " (CPU of this thread " + ms(cpu() - cpu0) + ", analysis runs on "
                        + Runtime.getRuntime().availableProcessors() + " cores)");
        t0 = System.nanoTime();
        r = engine.hotTopics().find(both, from, to, 50, 3);
        row(md, "same with the previous week for trends: " + r.inWindow() + " + " + r.inPrevious() + " matters",
                ms(System.nanoTime() - t0));
        System.out.println(md);
        DocsSection.write("text-bench", md.toString());
    }

    private static void suggest(TextEngine engine, SyntheticMatter m) {
        engine.dispatch().suggest(new DispatchRequest(m.subject(), m.description(), m.district(), m.category()), 3);
    }

    private static void row(StringBuilder md, String what, String figure) {
        md.append("| ").append(what).append(" | ").append(figure).append(" |\n");
        System.out.println(what + ": " + figure);
    }

    private static String percentiles(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return String.format("p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.1f ms", s[s.length / 2] / 1e6,
                s[(int) (s.length * 0.9)] / 1e6, s[(int) (s.length * 0.99)] / 1e6, s[s.length - 1] / 1e6);
    }

    private static String ms(long nanos) {
        return nanos >= 10_000_000_000L ? String.format("%.1f s", nanos / 1e9) : String.format("%d ms", nanos / 1_000_000);
    }

    private static long cpu() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }
}
