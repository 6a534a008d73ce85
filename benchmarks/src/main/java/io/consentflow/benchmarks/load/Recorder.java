package io.consentflow.benchmarks.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Everything a run measured. Latencies are kept for messages whose (scheduled) send instant falls in the measured
 * window; throughput counts 200 answers that arrived in it. Provider ids are kept for the database check.
 */
final class Recorder {
    final long windowStart;
    final long windowEnd;

    private long[] latencies = new long[1 << 16];
    private int latencyCount;
    private final AtomicLong okInWindow = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong duplicatesSent = new AtomicLong();
    private final AtomicLong errorCount = new AtomicLong();
    private final AtomicLong errorsInWindow = new AtomicLong();
    final LongAdder capHits = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Map<Script.Step, LongAdder> mix = new ConcurrentHashMap<>();
    /** Originals answered 200: each must be in the database exactly once. */
    final ConcurrentLinkedQueue<String> committedIds = new ConcurrentLinkedQueue<>();
    /** Originals that failed (timeout, 5xx): at most once. */
    final ConcurrentLinkedQueue<String> uncertainIds = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<SimContact> contacts = new ConcurrentLinkedQueue<>();

    Recorder(long windowStart, long windowEnd) {
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
    }

    void sending(SimContact.Outgoing m) {
        sent.incrementAndGet();
        if (m.duplicate()) duplicatesSent.incrementAndGet();
        else mix.computeIfAbsent(m.step(), s -> new LongAdder()).increment();
    }

    /** Scheduled but never handed to a connection (the run ended while the service was far behind). */
    void notSent(SimContact.Outgoing m) {
        sent.decrementAndGet();
        if (m.duplicate()) duplicatesSent.decrementAndGet();
        else mix.get(m.step()).decrement();
        count("not sent: every connection busy and the queue full until the end");
        m.contact().answered(m, false);
    }

    /**
     * @param intended when the message was due (open loop: its scheduled instant; closed loop: when it was sent)
     * @return whether the answer was the expected one
     */
    boolean complete(SimContact.Outgoing m, long intended, int status, String body, Throwable error) {
        long now = System.nanoTime();
        answered.incrementAndGet();
        boolean committed = error == null && status == 200;
        boolean expected = committed && body != null
                && body.contains(m.duplicate() ? "\"duplicate\"" : "\"accepted\"");
        if (!expected && intended >= windowStart && intended < windowEnd) errorsInWindow.incrementAndGet();
        if (error != null) {
            count("exception " + rootName(error));
        } else if (status != 200) {
            count("HTTP " + status);
        } else if (!expected) {
            count("unexpected 200 body for " + (m.duplicate() ? "a duplicate" : "an original") + ": "
                    + (body == null ? "" : body.substring(0, Math.min(80, body.length()))));
        }
        if (!m.duplicate()) (committed ? committedIds : uncertainIds).add(m.providerId());
        if (intended >= windowStart && intended < windowEnd) addLatency((now - intended) / 1_000);
        if (expected && now >= windowStart && now < windowEnd) okInWindow.incrementAndGet();
        return expected;
    }

    private void count(String what) {
        errorCount.incrementAndGet();
        errors.computeIfAbsent(what, k -> new LongAdder()).increment();
    }

    private static String rootName(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) r = r.getCause();
        return r.getClass().getSimpleName() + (r == t ? "" : " (in " + t.getClass().getSimpleName() + ")");
    }

    private synchronized void addLatency(long micros) {
        if (latencyCount == latencies.length) latencies = Arrays.copyOf(latencies, latencies.length * 2);
        latencies[latencyCount++] = micros;
    }

    long okInWindow() {
        return okInWindow.get();
    }

    long errors() {
        return errorCount.get();
    }

    long sent() {
        return sent.get();
    }

    long answered() {
        return answered.get();
    }

    /** The measured figures. */
    synchronized Summary summary() {
        long[] l = Arrays.copyOf(latencies, latencyCount);
        Arrays.sort(l);
        double seconds = (windowEnd - windowStart) / 1e9;
        Map<String, Long> errs = new TreeMap<>();
        errors.forEach((k, v) -> errs.put(k, v.sum()));
        Map<String, Long> m = new TreeMap<>();
        mix.forEach((k, v) -> m.put(k.text, v.sum()));
        return new Summary(seconds, okInWindow.get() / seconds, l.length, pct(l, 50), pct(l, 90), pct(l, 99),
                pct(l, 99.9), l.length == 0 ? 0 : l[l.length - 1] / 1000.0, errorCount.get(), errorsInWindow.get(),
                errs, sent.get(),
                duplicatesSent.get(), contacts.size(), m, capHits.sum());
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) return 0;
        int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1000.0;
    }

    record Summary(double seconds, double throughput, int samples, double p50, double p90, double p99, double p999,
                   double max, long errors, long errorsInWindow, Map<String, Long> errorKinds, long sent,
                   long duplicates, int contacts,
                   Map<String, Long> mix, long capHits) {
        List<String> lines() {
            List<String> out = new ArrayList<>();
            out.add(String.format("throughput: %.1f msg/s (answered 200 as expected within the %.1f s window)",
                    throughput, seconds));
            out.add(String.format("latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f  (%d samples)",
                    p50, p90, p99, p999, max, samples));
            out.add("errors: " + errors + " (" + errorsInWindow + " of them sent in the measured window)"
                    + (errorKinds.isEmpty() ? "" : " " + errorKinds));
            long originals = sent - duplicates;
            StringBuilder mixLine = new StringBuilder();
            mix.forEach((k, v) -> mixLine.append(String.format(" %s %.1f%%", k, 100.0 * v / Math.max(1, sent))));
            out.add(String.format("sent: %d messages to %d contacts; originals %d, duplicates %d (%.1f%%); mix:%s",
                    sent, contacts, originals, duplicates, 100.0 * duplicates / Math.max(1, sent), mixLine));
            if (capHits > 0) out.add("in-flight cap reached " + capHits + " times (the service fell behind the rate)");
            return out;
        }
    }
}
