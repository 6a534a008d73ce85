package io.consentflow.benchmarks.load;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The load generator's command line. Every loop it drives is bounded by these numbers. */
final class Options {
    static final String USAGE = """
            Consentflow load generator: drives a RUNNING service with Gupshup v2 webhooks, then checks its database.

              java -cp benchmarks/target/benchmarks.jar io.consentflow.benchmarks.load.LoadGenerator \\
                   --url http://127.0.0.1:8080 --jdbc jdbc:postgresql://127.0.0.1:5432/consentflow \\
                   (--rate 500 | --max 64) [--duration 60s] [--warmup 10s] [options]

              java -cp benchmarks/target/benchmarks.jar io.consentflow.benchmarks.load.LoadGenerator \\
                   --jdbc jdbc:postgresql://127.0.0.1:5432/consentflow --load-data [--contacts 1000000] \\
                   [--messages 10000000]

            Load:
              --url URL            the service (loopback only: 127.0.0.1, localhost, ::1)
              --rate N             open loop: N messages/s on a fixed schedule; latency counts from the
                                   scheduled instant, so a stalled service cannot hide its queueing
              --max N              closed loop: N contacts at once, each sending its next message as soon as
                                   the previous one was answered (the service's maximum throughput)
              --duration D         measured time (default 60s); D like 500ms, 60s, 2m
              --warmup D           sent and checked, but not measured (default 10s); the open loop's rate
                                   climbs from 10% to 100% over it, the closed loop's contacts start
                                   one after the other over its first half
              --connections N      open loop: sending threads, one keep-alive connection each (default 128)
              --max-in-flight N    open loop: cap on messages waiting for a connection (default 2000)
              --timeout D          per request (default 10s)
              --duplicates F       share of messages that re-send an earlier provider id (default 0.05)
              --api-key KEY        CONSENTFLOW_API_KEY of the service, for the setup calls
              --gupshup-token T    CONSENTFLOW_GUPSHUP_TOKEN of the service, if set
              --service-pid PID    the service's process: report CPU per message (service, PostgreSQL
                                   backends, generator, rest of the machine) over the measured window
              --no-setup           do not import the consent flows nor set the new-contact flow
              --tag NNN            3-digit run tag in the phone numbers 91NNN0000000.. (default: random)
              --seed N             random seed (default: time)
            Check (after the load; needs --jdbc):
              --jdbc URL           the service's database (loopback only)
              --db-user U          default postgres
              --db-password P      default empty
              --no-check           skip it
            Bulk data (instead of a load run):
              --load-data          add --contacts contacts and --messages messages (plus their runs and consent
                                   history) to the service's schema; start the service once first (it creates
                                   the schema), keep it idle while this runs
              --contacts N         default 1000000
              --messages N         default 10000000
            """;

    URI url;
    String jdbc;
    String dbUser = "postgres";
    String dbPassword = "";
    Double rate;
    Integer max;
    Duration duration = Duration.ofSeconds(60);
    Duration warmup = Duration.ofSeconds(10);
    int maxInFlight = 2000;
    int connections = 128;
    Integer servicePid;
    Duration timeout = Duration.ofSeconds(10);
    double duplicates = 0.05;
    String apiKey;
    String gupshupToken;
    boolean setup = true;
    boolean check = true;
    Integer tag;
    long seed = System.nanoTime();
    boolean loadData;
    long contacts = 1_000_000;
    long messages = 10_000_000;

    static Options parse(String[] args) {
        Options o = new Options();
        List<String> a = new ArrayList<>(List.of(args));
        for (int i = 0; i < a.size(); i++) {
            String k = a.get(i);
            switch (k) {
                case "--url" -> o.url = URI.create(value(a, ++i, k).replaceAll("/+$", ""));
                case "--jdbc" -> o.jdbc = value(a, ++i, k);
                case "--db-user" -> o.dbUser = value(a, ++i, k);
                case "--db-password" -> o.dbPassword = value(a, ++i, k);
                case "--rate" -> o.rate = Double.parseDouble(value(a, ++i, k));
                case "--max" -> o.max = Integer.parseInt(value(a, ++i, k));
                case "--duration" -> o.duration = duration(value(a, ++i, k));
                case "--warmup" -> o.warmup = duration(value(a, ++i, k));
                case "--max-in-flight" -> o.maxInFlight = Integer.parseInt(value(a, ++i, k));
                case "--connections" -> o.connections = Integer.parseInt(value(a, ++i, k));
                case "--timeout" -> o.timeout = duration(value(a, ++i, k));
                case "--duplicates" -> o.duplicates = Double.parseDouble(value(a, ++i, k));
                case "--api-key" -> o.apiKey = value(a, ++i, k);
                case "--gupshup-token" -> o.gupshupToken = value(a, ++i, k);
                case "--service-pid" -> o.servicePid = Integer.parseInt(value(a, ++i, k));
                case "--no-setup" -> o.setup = false;
                case "--no-check" -> o.check = false;
                case "--tag" -> o.tag = Integer.parseInt(value(a, ++i, k));
                case "--seed" -> o.seed = Long.parseLong(value(a, ++i, k));
                case "--load-data" -> o.loadData = true;
                case "--contacts" -> o.contacts = Long.parseLong(value(a, ++i, k).replace("_", ""));
                case "--messages" -> o.messages = Long.parseLong(value(a, ++i, k).replace("_", ""));
                case "-h", "--help" -> throw new IllegalArgumentException("");
                default -> throw new IllegalArgumentException("unknown option " + k);
            }
        }
        o.validate();
        return o;
    }

    private void validate() {
        if (jdbc != null) requireLoopback(jdbcHost(jdbc), "--jdbc");
        if (loadData) {
            if (jdbc == null) throw new IllegalArgumentException("--load-data needs --jdbc");
            if (contacts < 1 || contacts > 50_000_000) throw new IllegalArgumentException("--contacts: 1..50000000");
            if (messages < 0 || messages > 500_000_000) throw new IllegalArgumentException("--messages: 0..500000000");
            return;
        }
        if (url == null) throw new IllegalArgumentException("--url is required");
        requireLoopback(url.getHost(), "--url");
        if ((rate == null) == (max == null)) throw new IllegalArgumentException("give exactly one of --rate, --max");
        if (rate != null && (rate <= 0 || rate > 50_000)) throw new IllegalArgumentException("--rate: 0 < N <= 50000");
        if (max != null && (max < 1 || max > 1024)) throw new IllegalArgumentException("--max: 1..1024");
        if (duration.isNegative() || duration.isZero() || duration.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("--duration: up to 1h");
        }
        if (warmup.isNegative() || warmup.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("--warmup: up to 10m");
        }
        if (maxInFlight < 1 || maxInFlight > 10_000) throw new IllegalArgumentException("--max-in-flight: 1..10000");
        if (connections < 1 || connections > 1024) throw new IllegalArgumentException("--connections: 1..1024");
        if (duplicates < 0 || duplicates >= 0.5) throw new IllegalArgumentException("--duplicates: 0 <= F < 0.5");
        if (tag != null && (tag < 100 || tag > 999)) throw new IllegalArgumentException("--tag: 100..999");
        if (check && jdbc == null) throw new IllegalArgumentException("--jdbc is required for the check (or --no-check)");
    }

    static String jdbcHost(String jdbcUrl) {
        String prefix = "jdbc:postgresql://";
        if (!jdbcUrl.startsWith(prefix)) throw new IllegalArgumentException("--jdbc must be jdbc:postgresql://...");
        String rest = jdbcUrl.substring(prefix.length());
        int end = rest.length();
        for (char c : new char[] {'/', '?'}) {
            int at = rest.indexOf(c);
            if (at >= 0) end = Math.min(end, at);
        }
        String hostPort = rest.substring(0, end);
        if (hostPort.startsWith("[")) return hostPort.substring(1, hostPort.indexOf(']'));
        int colon = hostPort.lastIndexOf(':');
        return colon >= 0 ? hostPort.substring(0, colon) : hostPort;
    }

    private static void requireLoopback(String host, String what) {
        String h = host == null ? "" : host.toLowerCase(Locale.ROOT);
        if (!(h.equals("127.0.0.1") || h.equals("localhost") || h.equals("::1") || h.equals("[::1]"))) {
            throw new IllegalArgumentException(what + " must point at this machine (127.0.0.1), got " + host);
        }
    }

    static Duration duration(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        if (t.endsWith("ms")) return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        if (t.endsWith("s")) return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
        if (t.endsWith("m")) return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)) * 60);
        return Duration.ofSeconds(Long.parseLong(t));
    }

    private static String value(List<String> a, int i, String k) {
        if (i >= a.size()) throw new IllegalArgumentException(k + " needs a value");
        return a.get(i);
    }
}
