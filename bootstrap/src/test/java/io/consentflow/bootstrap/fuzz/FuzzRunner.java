package io.consentflow.bootstrap.fuzz;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends fuzz cases from a few threads and checks, for every answer:
 * <ul>
 *   <li>never a 5xx;</li>
 *   <li>the status is one the contract allows for that input (a 2xx only for a valid input);</li>
 *   <li>every 4xx is {@code application/problem+json} with a numeric {@code status} equal to the answer's and a
 *       non-empty {@code detail}, and no Java stack trace anywhere in the body;</li>
 *   <li>a 2xx body is JSON (204: empty);</li>
 *   <li>no partial write: the refused-class inputs (every allowed answer a 4xx) go in batches of their own, with a
 *       {@link DbFingerprint} taken before and after each batch, which must be equal.</li>
 * </ul>
 * Failures are collected (and each input written to {@code target/fuzz-failures/}) rather than thrown at once,
 * so one run reports every kind of failure it found.
 */
final class FuzzRunner implements AutoCloseable {
    static final int BATCH = 192;
    static final java.util.regex.Pattern INTERNALS = java.util.regex.Pattern.compile(
            "[A-Z][A-Za-z]*(Exception|Error)\\b|\\bjavax?\\.[a-z]|(?i:com\\.fasterxml|jackson)|JsonNode|FAIL_ON_"
                    + "|DeserializationFeature|StreamReadFeature");
    private static final int MAX_REPORTED = 40;

    private final FuzzHttp http;
    private final DbFingerprint fingerprint;
    private final ExecutorService pool;
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger failureFiles = new AtomicInteger();
    /** Answers per endpoint: status to count. */
    private final Map<String, Map<Integer, Integer>> statuses = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> sent = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicInteger batchesChecked = new AtomicInteger();
    private final Map<String, String> timings = new java.util.concurrent.ConcurrentHashMap<>();

    FuzzRunner(FuzzHttp http, DbFingerprint fingerprint) {
        this.http = http;
        this.fingerprint = fingerprint;
        this.pool = Executors.newFixedThreadPool(FuzzConfig.THREADS, r -> {
            Thread t = new Thread(r, "fuzz-client");
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs all cases: the refused-class ones in fingerprinted batches first, then the others. */
    void run(List<FuzzCase> cases) {
        long t0 = System.nanoTime();
        List<FuzzCase> refused = cases.stream().filter(FuzzCase::refusedClass).toList();
        runRefused(refused);
        long t1 = System.nanoTime();
        List<FuzzCase> others = cases.stream().filter(c -> !c.refusedClass()).toList();
        for (int from = 0; from < others.size(); from += BATCH) {
            send(others.subList(from, Math.min(others.size(), from + BATCH)));
        }
        long t2 = System.nanoTime();
        String endpoint = cases.isEmpty() ? "?" : cases.get(0).endpoint();
        timings.put(endpoint, String.format("%d refused-class inputs in %d ms, %d others in %d ms", refused.size(),
                (t1 - t0) / 1_000_000, others.size(), (t2 - t1) / 1_000_000));
    }

    /** Refused-class inputs, batch by batch: the database must look the same before and after each batch. */
    void runRefused(List<FuzzCase> refused) {
        for (int from = 0; from < refused.size(); from += BATCH) {
            List<FuzzCase> batch = refused.subList(from, Math.min(refused.size(), from + BATCH));
            fingerprint.awaitOutboxIdle();
            Map<String, String> before = fingerprint.take();
            List<FuzzReply> replies = send(batch);
            Map<String, String> after = fingerprint.take();
            batchesChecked.incrementAndGet();
            long recordedRefusals = replies.stream().filter(Objects::nonNull)
                    .filter(r -> r.status() == 422 && r.json() != null && r.json().hasNonNull("code"))
                    .filter(r -> io.consentflow.domain.message.RefusalReason.fromCode(r.json().get("code").asText())
                            .isPresent())
                    .count();
            for (String table : before.keySet()) {
                String b = before.get(table);
                String a = after.get(table);
                if (table.equals("messages.refused")) {
                    // a send the policy refuses is recorded by design: exactly one row per 422 whose code is a
                    // refusal reason (a template the registry cannot send is refused before anything is stored)
                    if (Long.parseLong(a) - Long.parseLong(b) != recordedRefusals) {
                        fail(null, null, "refused messages grew by " + (Long.parseLong(a) - Long.parseLong(b))
                                + " for " + recordedRefusals + " send refusals in one batch");
                    }
                } else if (!b.equals(a)) {
                    fail(null, null, "PARTIAL WRITE: table " + table + " changed (" + b + " -> " + a
                            + ") during a batch of " + batch.size() + " refused inputs; batch: "
                            + batch.stream().map(c -> c.endpoint() + " #" + c.index()).toList());
                    batch.forEach(c -> save(c, "partial-write"));
                }
            }
        }
    }

    /** Sends a batch from the client threads; checks every answer. */
    List<FuzzReply> send(List<FuzzCase> batch) {
        List<Future<FuzzReply>> futures = new ArrayList<>(batch.size());
        for (FuzzCase c : batch) futures.add(pool.submit(() -> one(c)));
        List<FuzzReply> out = new ArrayList<>(batch.size());
        for (Future<FuzzReply> f : futures) {
            try {
                out.add(f.get());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    private FuzzReply one(FuzzCase c) {
        FuzzReply r;
        try {
            r = http.send(c);
        } catch (IOException e) {
            fail(c, null, "no answer: " + e);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        sent.computeIfAbsent(c.endpoint(), k -> new AtomicInteger()).incrementAndGet();
        statuses.computeIfAbsent(c.endpoint(), k -> new java.util.concurrent.ConcurrentHashMap<>())
                .merge(r.status(), 1, Integer::sum);
        check(c, r);
        return r;
    }

    /** Whether the answer names internals that are not simply the input quoted back (a detail may quote it). */
    private static boolean namesInternals(FuzzCase c, String answer) {
        String target;
        try {
            target = java.net.URLDecoder.decode(c.target().replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEscape) {
            target = c.target();
        }
        String input = (c.body() == null ? "" : new String(c.body(), java.nio.charset.StandardCharsets.UTF_8))
                + " " + c.target() + " " + target;
        java.util.regex.Matcher m = INTERNALS.matcher(answer);
        while (m.find()) {
            if (!input.contains(m.group())) return true;
        }
        return false;
    }

    private void check(FuzzCase c, FuzzReply r) {
        if (r.status() >= 500) {
            fail(c, r, "5xx");
            return;
        }
        // a target this long may be refused as such before any route sees it
        boolean longTarget = c.target().length() > 6_000 && (r.status() == 414 || r.status() == 431);
        if (!c.allowed().contains(r.status()) && !longTarget) {
            fail(c, r, "status " + r.status() + " not in " + c.allowed());
        }
        // (2xx bodies may quote stored text; an error body only ever says what is wrong)
        String body = r.status() >= 400 ? r.text() : "";
        if (body.contains("at io.") || body.contains("Exception:") || body.contains("\tat ")
                || body.contains("at java.") || body.contains("at org.")) {
            fail(c, r, "stack trace in body");
        }
        // a problem says what is wrong in our words, never a Jackson class or setting or a Java exception's name
        if (r.status() >= 400 && namesInternals(c, body)) fail(c, r, "names Jackson or Java internals");
        if (r.status() >= 400) {
            if (!r.contentType().toLowerCase(java.util.Locale.ROOT).startsWith("application/problem+json")) {
                fail(c, r, "4xx without application/problem+json");
                return;
            }
            JsonNode p = r.json();
            if (p == null || !p.isObject()) {
                fail(c, r, "problem body is not a JSON object");
                return;
            }
            if (!p.path("status").isInt() || p.path("status").intValue() != r.status()) {
                fail(c, r, "problem status missing or not " + r.status());
            }
            if (!p.path("detail").isTextual() || p.path("detail").textValue().isBlank()) {
                fail(c, r, "problem detail missing or empty");
            }
        } else if (r.status() >= 200 && r.status() < 300) {
            if (r.status() != 204 && r.json() == null) fail(c, r, "2xx body is not JSON");
            if (c.onSuccess() != null) {
                try {
                    c.onSuccess().accept(r);
                } catch (AssertionError | RuntimeException e) {
                    fail(c, r, "2xx answer check: " + e.getMessage());
                }
            }
        }
    }

    void fail(FuzzCase c, FuzzReply r, String what) {
        String line = what + (c == null ? "" : "\n    input: " + c.summary()) + (r == null ? "" : "\n    answer: " + r);
        if (c != null) line += "\n    saved as " + save(c, what);
        if (failures.size() < 10_000) failures.add(line);
    }

    private String save(FuzzCase c, String what) {
        int n = failureFiles.incrementAndGet();
        if (n > 200) return "(not saved: too many)";
        try {
            Files.createDirectories(FuzzConfig.FAILURES);
            String name = String.format("%03d-%s-%d", n, c.endpoint().replaceAll("[^A-Za-z0-9]+", "_"), c.index());
            Files.write(FuzzConfig.FAILURES.resolve(name + ".body"), c.body() == null ? new byte[0] : c.body());
            Files.writeString(FuzzConfig.FAILURES.resolve(name + ".txt"), what + "\n" + FuzzConfig.describe() + "\n"
                    + c.method() + " " + c.target() + "\n" + c.headers() + "\n" + c.how() + "\n");
            return FuzzConfig.FAILURES.resolve(name + ".body").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> failures() {
        return failures;
    }

    int sent(String endpoint) {
        AtomicInteger n = sent.get(endpoint);
        return n == null ? 0 : n.get();
    }

    /** One line per endpoint: inputs sent and the answers by status. */
    String report() {
        StringBuilder sb = new StringBuilder();
        new java.util.TreeMap<>(statuses).forEach((e, m) -> sb.append(String.format("  %-40s %6d inputs, answers %s%n",
                e, sent(e), new java.util.TreeMap<>(m))));
        new java.util.TreeMap<>(timings).forEach((e, t) -> sb.append(String.format("  %-40s %s%n", e, t)));
        sb.append("  refused-only batches fingerprinted: ").append(batchesChecked.get()).append('\n');
        return sb.toString();
    }

    /** Throws with the first failures (all of them are in the log and in target/fuzz-failures). */
    void assertNoFailures(String suite) {
        List<String> failures;
        synchronized (this.failures) {
            failures = new ArrayList<>(this.failures);
            this.failures.clear();
        }
        if (failures.isEmpty()) return;
        StringBuilder sb = new StringBuilder(suite + ": " + failures.size() + " property failures; "
                + FuzzConfig.describe() + "\n");
        failures.stream().limit(MAX_REPORTED).forEach(f -> sb.append(" - ").append(f).append('\n'));
        throw new AssertionError(sb.toString());
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
