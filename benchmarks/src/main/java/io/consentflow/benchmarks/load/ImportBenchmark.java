package io.consentflow.benchmarks.load;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

/**
 * Times {@code POST /api/v1/contacts/import} of a generated Glific contact CSV against a RUNNING service (as
 * {@code load/bench.sh --import} starts it, with {@code -Xmx256m}), then imports the same file again, and checks
 * the database: every row's contact exists, the opted-out and blocked contacts arranged before the import are as
 * they were, each opt-in was recorded once.
 *
 * <pre>
 *   java -cp benchmarks/target/benchmarks.jar io.consentflow.benchmarks.load.ImportBenchmark \
 *        --url http://127.0.0.1:8080 --jdbc jdbc:postgresql://127.0.0.1:5432/cf [--rows 100000] [--service-pid PID]
 * </pre>
 *
 * The file: phones 7000000000000 + i, a name, {@code hi} or {@code en}, one or two groups ({@code ;}-separated),
 * {@code opt_in} on 4 rows of 5, a {@code district} field. Before the import, 1% of its phones are made opted-out
 * contacts and 0.5% blocked ones, directly in the database.
 */
public final class ImportBenchmark {
    private ImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String url = null;
        String jdbc = null;
        String user = "postgres";
        int rows = 100_000;
        long pid = -1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = args[++i];
                case "--jdbc" -> jdbc = args[++i];
                case "--db-user" -> user = args[++i];
                case "--rows" -> rows = Integer.parseInt(args[++i]);
                case "--service-pid" -> pid = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (url == null || jdbc == null) throw new IllegalArgumentException("--url and --jdbc are required");
        Path csv = Files.createTempFile("cf-import-bench", ".csv");
        try {
            write(csv, rows);
            System.out.printf("file: %,d rows, %,d bytes%n", rows, Files.size(csv));
            try (Connection c = DriverManager.getConnection(jdbc, user, "")) {
                arrange(c, rows);
                HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                for (String run : new String[]{"first import", "same file again"}) {
                    long t0 = System.nanoTime();
                    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url
                                    + "/api/v1/contacts/import?filename=bench.csv"))
                            .timeout(Duration.ofMinutes(10)).header("Content-Type", "text/csv")
                            .POST(HttpRequest.BodyPublishers.ofFile(csv)).build(), HttpResponse.BodyHandlers.ofString());
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    if (r.statusCode() != 200) throw new IllegalStateException(r.statusCode() + " " + r.body());
                    System.out.printf("%s: %.1f s, %,.0f rows/s; %s%n", run, seconds, rows / seconds, r.body());
                }
                check(c, rows);
            }
            if (pid > 0) System.out.println("service peak resident memory (VmHWM): " + peakMemory(pid));
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    static String phone(int i) {
        return Long.toString(7_000_000_000_000L + i);
    }

    private static void write(Path csv, int rows) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("phone,name,language,collection,opt_in,delete,district\r\n");
            for (int i = 0; i < rows; i++) {
                w.write(phone(i));
                w.write(",Bench contact " + i + ",");
                w.write(i % 2 == 0 ? "hi" : "en");
                w.write(',');
                w.write(i % 3 == 0 ? "Bench A;Bench B" : "Bench A");
                w.write(',');
                if (i % 5 != 0) w.write("2026-01-15");
                w.write(",,D" + (i % 700) + "\r\n");
            }
        }
    }

    /** 1% opted out, 0.5% blocked, before the import. */
    private static void arrange(Connection c, int rows) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO contacts (phone, language, status, consent_status, consent_at, consent_method,"
                    + " consent_evidence, created_at) SELECT (7000000000000 + i)::text, 'eng', 'invalid', 'opted_out',"
                    + " now(), 'flow', 'bench', now() FROM generate_series(0, " + (rows - 1) + ") i WHERE i % 100 = 1");
            s.execute("INSERT INTO contacts (phone, language, status, consent_status, created_at)"
                    + " SELECT (7000000000000 + i)::text, 'eng', 'blocked', 'unknown', now()"
                    + " FROM generate_series(0, " + (rows - 1) + ") i WHERE i % 200 = 3");
        }
    }

    private static void check(Connection c, int rows) throws Exception {
        try (Statement s = c.createStatement()) {
            long contacts = one(s, "SELECT count(*) FROM contacts WHERE phone LIKE '7000%'");
            long keptOut = one(s, "SELECT count(*) FROM contacts WHERE phone LIKE '7000%' AND consent_method = 'flow'"
                    + " AND consent_status = 'opted_out'");
            long blocked = one(s, "SELECT count(*) FROM contacts WHERE phone LIKE '7000%' AND status = 'blocked'"
                    + " AND consent_status = 'unknown'");
            long optIns = one(s, "SELECT count(*) FROM consent_history WHERE phone LIKE '7000%' AND method = 'import'");
            long twice = one(s, "SELECT count(*) FROM (SELECT phone FROM consent_history WHERE phone LIKE '7000%'"
                    + " AND method = 'import' GROUP BY phone HAVING count(*) > 1) x");
            long members = one(s, "SELECT count(*) FROM group_members m JOIN groups g ON g.id = m.group_id"
                    + " WHERE g.name = 'Bench A'");
            System.out.printf("check: %,d contacts (of %,d rows), %,d opt-ins recorded (%,d twice), %,d kept opted out,"
                    + " %,d kept blocked, %,d members of Bench A%n", contacts, rows, optIns, twice, keptOut, blocked, members);
            if (contacts != rows || twice != 0 || members != rows) throw new IllegalStateException("check failed");
        }
    }

    private static long one(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String peakMemory(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmHWM:")) return line.substring(6).strip();
        }
        return "unknown";
    }
}
