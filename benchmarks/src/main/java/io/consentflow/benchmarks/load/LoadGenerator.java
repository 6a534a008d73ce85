package io.consentflow.benchmarks.load;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives a running Consentflow over HTTP with Gupshup v2 webhooks for many distinct contacts, each following a
 * {@link Script} (opt in with "Hi" + 👍, some opt out with "stop" + "1"), with re-sent provider ids mixed in; then
 * checks through the database that every message answered 200 was applied exactly once ({@link DbCheck}).
 * {@code --load-data} instead bulk-loads a big history ({@link DataLoader}). See {@link Options#USAGE}.
 */
public final class LoadGenerator {
    static final String OPTIN_FLOW = "5b3c1d2e-0000-4a6b-9c8d-111111111111";
    static final String FLOWS_RESOURCE = "/io/consentflow/benchmarks/load/consent-flows.json";

    private final Options o;
    private final HttpClient http;
    private final ExecutorService callbacks;
    private final URI webhook;
    private final String phonePrefix;
    private final SplittableRandom master;
    private final AtomicLong contactSeq = new AtomicLong();
    private Recorder rec;

    private LoadGenerator(Options o) {
        this.o = o;
        this.callbacks = Executors.newFixedThreadPool(1, r -> {
            Thread t = new Thread(r, "load-setup-http");
            t.setDaemon(true);
            return t;
        });
        // only for the few setup calls; the load itself goes through HttpConnection
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).executor(callbacks).build();
        this.webhook = URI.create(o.url + "/webhooks/gupshup"
                + (o.gupshupToken == null ? "" : "?token=" + o.gupshupToken));
        this.master = new SplittableRandom(o.seed);
        int tag = o.tag != null ? o.tag : 100 + new SplittableRandom(o.seed ^ System.currentTimeMillis()).nextInt(900);
        this.phonePrefix = "91" + tag;
    }

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) System.err.println("error: " + e.getMessage() + "\n");
            System.err.print(Options.USAGE);
            System.exit(2);
            return;
        }
        if (o.loadData) {
            DataLoader.load(o);
            return;
        }
        int exit = new LoadGenerator(o).run();
        System.exit(exit);
    }

    private int run() throws Exception {
        log("service " + o.url + ", contacts " + phonePrefix + "xxxxxxx, seed " + o.seed);
        waitHealthy();
        if (o.setup) setup();
        if (o.check) DbCheck.requireFreshPrefix(o, phonePrefix);

        long start = System.nanoTime() + 50_000_000L;
        long windowStart = start + o.warmup.toNanos();
        long end = windowStart + o.duration.toNanos();
        rec = new Recorder(windowStart, end);
        String mode = o.rate != null
                ? String.format("open loop at %.0f msg/s", o.rate)
                : "closed loop, " + o.max + " contacts at once";
        log(mode + ": " + o.warmup.toMillis() / 1000.0 + " s warm-up, then " + o.duration.toMillis() / 1000.0
                + " s measured");
        Thread progress = progress(start, end);
        CpuAccount cpu = new CpuAccount(o);
        // snapshots at the window's edges exactly (parkNanos may return early), whenever the loops return
        Thread cpuWindow = new Thread(() -> {
            while (System.nanoTime() < windowStart) LockSupport.parkNanos(windowStart - System.nanoTime());
            cpu.start();
            while (System.nanoTime() < end) LockSupport.parkNanos(end - System.nanoTime());
            cpu.stop();
        }, "load-cpu");
        cpuWindow.setDaemon(true);
        cpuWindow.start();
        if (o.rate != null) openLoop(start, end);
        else closedLoop(start, end);
        cpuWindow.join();
        String cpuLine = cpu.report(rec.okInWindow());
        progress.interrupt();

        Recorder.Summary s = rec.summary();
        System.out.println("== " + mode + ", " + Instant.now());
        s.lines().forEach(System.out::println);
        if (cpuLine != null) System.out.println(cpuLine);
        boolean checked = true;
        if (o.check) {
            checked = DbCheck.verify(o, rec, phonePrefix);
        }
        System.out.println(String.format(java.util.Locale.ROOT,
                "RESULT mode=%s throughput=%.1f p50=%.2f p99=%.2f max=%.2f errors=%d (in window %d) sent=%d "
                        + "contacts=%d check=%s",
                o.rate != null ? "rate" + o.rate.intValue() : "max" + o.max, s.throughput(), s.p50(), s.p99(),
                s.max(), s.errors(), s.errorsInWindow(), s.sent(), s.contacts(),
                o.check ? (checked ? "ok" : "FAILED") : "skipped"));
        return (s.errors() == 0 && checked) ? 0 : 1;
    }

    // ---- load ---------------------------------------------------------------------------------------------------

    private SimContact newContact() {
        long i = contactSeq.incrementAndGet();
        if (i > 9_999_999) throw new IllegalStateException("more than 9,999,999 contacts in one run");
        SplittableRandom rnd;
        synchronized (master) {
            rnd = master.split();
        }
        SimContact c = new SimContact(i, phonePrefix + String.format("%07d", i), Script.randomLength(rnd),
                o.duplicates, rnd);
        rec.contacts.add(c);
        return c;
    }

    /**
     * A fixed schedule of sends; a contact that is free (its previous message answered, script not over) takes the
     * next slot, otherwise a new contact starts. A fixed pool of {@code --connections} threads, each with its own
     * keep-alive connection, sends them; at most {@code --max-in-flight} messages wait for a thread. Latency counts
     * from the slot's scheduled instant, so waiting for a thread (a service that fell behind) shows up in it.
     */
    private void openLoop(long start, long end) throws InterruptedException {
        ConcurrentLinkedQueue<SimContact> ready = new ConcurrentLinkedQueue<>();
        BlockingQueue<Due> work = new ArrayBlockingQueue<>(o.maxInFlight);
        AtomicBoolean over = new AtomicBoolean();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < o.connections; w++) {
            Thread t = new Thread(() -> {
                try (HttpConnection conn = new HttpConnection(webhook, (int) o.timeout.toMillis())) {
                    while (true) {
                        Due d = work.poll(500, TimeUnit.MILLISECONDS);
                        if (d == null) {
                            if (over.get()) return;
                            continue;
                        }
                        exchange(conn, d.message(), d.at());
                        if (!d.message().contact().done()) ready.add(d.message().contact());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "load-conn-" + w);
            t.setDaemon(true);
            t.start();
            workers.add(t);
        }
        double rate = o.rate;
        double w = o.warmup.toNanos() / 1e9;
        long total = (long) Math.ceil(rate * (0.55 * w + o.duration.toNanos() / 1e9));
        long hardStop = end + o.timeout.toNanos();
        for (long i = 0; i < total; i++) {
            long due = start + (long) (1e9 * dueSeconds(i, rate, w));
            long wait;
            while ((wait = due - System.nanoTime()) > 20_000) LockSupport.parkNanos(wait - 10_000);
            SimContact c = ready.poll();
            if (c == null) c = newContact();
            SimContact.Outgoing m = c.next();
            rec.sending(m);
            if (!work.offer(new Due(m, due))) {
                rec.capHits.increment();
                long left = hardStop - System.nanoTime();
                if (left <= 0 || !work.offer(new Due(m, due), left, TimeUnit.NANOSECONDS)) {
                    rec.notSent(m);
                    break;
                }
            }
        }
        over.set(true);
        // everything sent has its answer (or its timeout) before the check reads the database
        long deadline = System.currentTimeMillis() + o.timeout.toMillis() + 5_000;
        for (Thread t : workers) t.join(Math.max(1, deadline - System.currentTimeMillis()));
    }

    private record Due(SimContact.Outgoing message, long at) {
    }

    /**
     * When message {@code i} is due, in seconds from the start: during the warm-up {@code w} the rate climbs
     * linearly from 10% to 100% of {@code rate} (a cold JVM is not flooded at full rate before its JIT has
     * compiled anything), then stays at {@code rate}. Sent in the warm-up: {@code 0.55 * rate * w} messages.
     */
    static double dueSeconds(long i, double rate, double w) {
        double inWarmup = 0.55 * rate * w;
        if (w <= 0 || i >= inWarmup) return w + (i - inWarmup) / rate;
        // i = rate * (0.1 t + 0.45 t^2 / w)  =>  t = (-0.1 + sqrt(0.01 + 1.8 i / (rate w))) * w / 0.9
        return (-0.1 + Math.sqrt(0.01 + 1.8 * i / (rate * w))) * w / 0.9;
    }

    /** {@code --max} slots, each a thread sending its contact's next message as soon as the previous is answered. */
    private void closedLoop(long start, long end) throws InterruptedException {
        List<Thread> slots = new ArrayList<>();
        long stagger = o.warmup.toNanos() / 2 / o.max;
        for (int s = 0; s < o.max; s++) {
            long begin = start + s * stagger;
            Thread t = new Thread(() -> {
                LockSupport.parkNanos(begin - System.nanoTime());
                slot(end);
            }, "load-slot-" + s);
            t.setDaemon(true);
            slots.add(t);
        }
        while (System.nanoTime() < start) LockSupport.parkNanos(start - System.nanoTime());
        slots.forEach(Thread::start);
        long deadline = System.currentTimeMillis() + (end - System.nanoTime()) / 1_000_000 + o.timeout.toMillis()
                + 5_000;
        for (Thread t : slots) t.join(Math.max(1, deadline - System.currentTimeMillis()));
    }

    private void slot(long end) {
        try (HttpConnection conn = new HttpConnection(webhook, (int) o.timeout.toMillis())) {
            SimContact c = null;
            while (System.nanoTime() < end) {
                if (c == null || c.done()) c = newContact();
                SimContact.Outgoing m = c.next();
                rec.sending(m);
                exchange(conn, m, System.nanoTime());
            }
        }
    }

    private void exchange(HttpConnection conn, SimContact.Outgoing m, long intended) {
        int status = -1;
        String body = null;
        Throwable err = null;
        try {
            HttpConnection.Response r = conn.post(Payloads.of(m, System.currentTimeMillis()));
            status = r.status();
            body = r.body();
        } catch (IOException | RuntimeException e) {
            err = e;
        }
        m.contact().answered(m, rec.complete(m, intended, status, body, err));
    }

    private Thread progress(long start, long end) {
        Thread t = new Thread(() -> {
            long last = 0;
            long lastAt = System.nanoTime();
            try {
                while (System.nanoTime() < end + 1_000_000_000L) {
                    Thread.sleep(5_000);
                    long now = System.nanoTime();
                    long answered = rec.answered();
                    log(String.format("  t=%4.0fs  %6.0f answers/s  errors %d  contacts %d",
                            (now - start) / 1e9, (answered - last) / ((now - lastAt) / 1e9), rec.errors(),
                            rec.contacts.size()));
                    last = answered;
                    lastAt = now;
                }
            } catch (InterruptedException e) {
                // run over
            }
        }, "load-progress");
        t.setDaemon(true);
        t.start();
        return t;
    }

    // ---- setup --------------------------------------------------------------------------------------------------

    private void waitHealthy() throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(o.url + "/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) return;
            } catch (IOException e) {
                // not up yet
            }
            if (System.currentTimeMillis() > deadline) throw new IllegalStateException(o.url + "/health is not 200");
            Thread.sleep(500);
        }
    }

    /** The project's consent flows, and the opt-in flow as new-contact flow ("Hi" from a new contact starts it). */
    private void setup() throws Exception {
        byte[] flows;
        try (InputStream in = LoadGenerator.class.getResourceAsStream(FLOWS_RESOURCE)) {
            if (in == null) throw new IllegalStateException(FLOWS_RESOURCE + " missing from the jar");
            flows = in.readAllBytes();
        }
        HttpResponse<String> imported = api("POST", "/api/v1/flows/import", flows);
        if (imported.statusCode() / 100 != 2) {
            throw new IllegalStateException("flow import answered " + imported.statusCode() + ": " + imported.body());
        }
        HttpResponse<String> settings = api("PUT", "/api/v1/settings",
                ("{\"optinFlow\":null,\"newContactFlow\":\"" + OPTIN_FLOW + "\"}").getBytes(StandardCharsets.UTF_8));
        if (settings.statusCode() != 200) {
            throw new IllegalStateException("settings answered " + settings.statusCode() + ": " + settings.body());
        }
        log("flows imported, new-contact flow = opt-in flow " + OPTIN_FLOW);
    }

    private HttpResponse<String> api(String method, String path, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(o.url + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (o.apiKey != null) b.header("Authorization", "Bearer " + o.apiKey);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void log(String s) {
        System.err.println(s);
    }
}
