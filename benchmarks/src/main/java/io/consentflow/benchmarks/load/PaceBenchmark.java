package io.consentflow.benchmarks.load;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.consentflow.adapter.persistence.Migrations;
import io.consentflow.adapter.persistence.PersistenceAdapter;
import io.consentflow.application.port.out.SendPace;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The number's pace held by two instances together, on the real clock: two SendPace implementations
 * ({@code JdbiSendPace}), each on a pool of its own as two service instances would have, on one scratch database;
 * each instance's threads take broadcast work as fast as they can ({@code take(100, now)} in a loop, no pause) for
 * a bounded run; the messages granted are counted per second and per instance. Then, optionally, a run in which
 * one instance meets a rate limit part-way ({@code slowDown}) and both go on at half the pace.
 *
 * <pre>
 *   java -cp benchmarks/target/benchmarks.jar io.consentflow.benchmarks.load.PaceBenchmark \
 *        --jdbc jdbc:postgresql://127.0.0.1:5432/postgres [--rates 80,1000] [--seconds 20] [--threads 2]
 *        [--slow-down-at 10]
 * </pre>
 *
 * {@code --jdbc} names the server (its database is only used to create and drop {@code cf_pace_<time>}, where the
 * service's migrations run). Prints, per run, granted per second (instance A, instance B, both), the total against
 * the most the pace allows ({@code rate x seconds + one burst}), and how many take statements ran and how long
 * they took.
 */
public final class PaceBenchmark {
    private static final int WANTED = 100;

    private PaceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String jdbc = null;
        String user = "postgres";
        int[] rates = {80, 1_000};
        int seconds = 20;
        int threads = 2;
        int slowDownAt = -1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--jdbc" -> jdbc = args[++i];
                case "--db-user" -> user = args[++i];
                case "--rates" -> rates = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--slow-down-at" -> slowDownAt = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (jdbc == null) throw new IllegalArgumentException("--jdbc is required");
        // Flyway reports each migration through java.util.logging; the figures are what this prints
        java.util.logging.Logger.getLogger("org.flywaydb").setLevel(java.util.logging.Level.WARNING);
        String db = "cf_pace_" + System.currentTimeMillis();
        String scratch = jdbc.replaceFirst("/[^/?]*(\\?|$)", "/" + db + "$1");
        execute(jdbc, user, "CREATE DATABASE " + db);
        try (HikariDataSource a = pool(scratch, user, threads, "instance-a");
             HikariDataSource b = pool(scratch, user, threads, "instance-b")) {
            Migrations.migrate(a);
            System.out.printf("two instances (a pool of %d connections and %d threads each) on %s, take(%d) in a loop "
                    + "for %d s%n", threads, threads, db, WANTED, seconds);
            for (int rate : rates) {
                run(a, b, rate, seconds, threads, -1);
            }
            if (slowDownAt >= 0) run(a, b, rates[0], seconds, threads, slowDownAt);
        } finally {
            execute(jdbc, user, "DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
        }
    }

    private static void run(HikariDataSource a, HikariDataSource b, int rate, int seconds, int threads, int slowDownAt)
            throws InterruptedException {
        try (Connection c = a.getConnection(); Statement st = c.createStatement()) {
            // a budget never used: the first take finds one burst
            st.execute("UPDATE send_pace SET tokens = 0, as_of = '1970-01-01T00:00:00Z', slowed_to = 0, "
                    + "slowed_until = NULL");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        SendPace[] instances = {new PersistenceAdapter(a).sendPace(rate), new PersistenceAdapter(b).sendPace(rate)};
        Clock clock = Clock.systemUTC();
        Instant start = clock.instant();
        Instant end = start.plusSeconds(seconds);
        AtomicLongArray granted = new AtomicLongArray(2 * (seconds + 1));
        LongAdder statements = new LongAdder();
        LongAdder nanos = new LongAdder();
        List<Thread> running = new ArrayList<>();
        for (int instance = 0; instance < 2; instance++) {
            for (int t = 0; t < threads; t++) {
                SendPace pace = instances[instance];
                int which = instance;
                boolean slows = slowDownAt >= 0 && instance == 1 && t == 0;
                Thread thread = new Thread(() -> {
                    boolean slowed = false;
                    for (Instant now = clock.instant(); now.isBefore(end); now = clock.instant()) {
                        if (slows && !slowed && !now.isBefore(start.plusSeconds(slowDownAt))) {
                            pace.slowDown(now); // the provider answered 429 to instance B
                            slowed = true;
                        }
                        long t0 = System.nanoTime();
                        int n = pace.take(WANTED, now);
                        nanos.add(System.nanoTime() - t0);
                        statements.increment();
                        int second = (int) Duration.between(start, now).getSeconds();
                        granted.addAndGet(2 * second + which, n);
                    }
                }, "pace-" + (char) ('a' + instance) + t);
                thread.start();
                running.add(thread);
            }
        }
        for (Thread t : running) t.join();

        System.out.printf("%nCONSENTFLOW_SEND_RATE=%d%s%n", rate,
                slowDownAt >= 0 ? ", instance B meets a rate limit at " + slowDownAt + " s" : "");
        System.out.println("second   A      B      both");
        long total = 0;
        long[] both = new long[seconds];
        for (int s = 0; s < seconds; s++) {
            long x = granted.get(2 * s);
            long y = granted.get(2 * s + 1);
            both[s] = x + y;
            total += x + y;
            System.out.printf("%4d  %5d  %5d  %6d%n", s, x, y, x + y);
        }
        long after = 0;
        for (int s = 1; s < seconds; s++) after += both[s];
        double most = rate * (double) seconds + rate;
        System.out.printf("total %,d granted in %d s (at most %,.0f: %d/s and one burst of %d); seconds 1-%d: %.1f/s "
                        + "(A %,d, B %,d over the run)%n", total, seconds, most, rate, rate, seconds - 1,
                after / (double) (seconds - 1), sum(granted, 0, seconds), sum(granted, 1, seconds));
        long n = statements.sum();
        System.out.printf("%,d take statements (%,.0f/s), %.2f ms each on average (row lock wait included)%n", n,
                n / (double) seconds, nanos.sum() / 1e6 / Math.max(1, n));
        if (total > most) System.out.println("OVER THE PACE");
    }

    private static long sum(AtomicLongArray granted, int which, int seconds) {
        long s = 0;
        for (int i = 0; i < seconds; i++) s += granted.get(2 * i + which);
        return s;
    }

    private static HikariDataSource pool(String url, String user, int size, String name) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setMaximumPoolSize(size);
        config.setPoolName(name);
        return new HikariDataSource(config);
    }

    private static void execute(String url, String user, String sql) throws java.sql.SQLException {
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
