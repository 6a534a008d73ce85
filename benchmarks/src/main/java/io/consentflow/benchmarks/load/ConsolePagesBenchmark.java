package io.consentflow.benchmarks.load;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long each console page takes on a RUNNING service over the big database (1,000,000 contacts, 10,000,000
 * messages: {@code bench.sh --db cf_big --big}), as {@code load/bench.sh --console} starts it: every page fetched
 * {@code --rounds} times, the pages taken in turn, one request at a time, each answer read whole; p50 / p95 / max
 * per page. The promise it checks: every page in under 200 ms.
 *
 * <pre>
 *   java -cp benchmarks/target/benchmarks.jar io.consentflow.benchmarks.load.ConsolePagesBenchmark \
 *        --url http://127.0.0.1:8080 --jdbc jdbc:postgresql://127.0.0.1:5432/cf_big [--rounds 50] [--api-key KEY]
 *        [--markers]
 * </pre>
 *
 * Arranged first, once (what the bulk history lacks; each step skipped when done already): two groups of 10,000
 * members spread over the whole phone range, one with the base's mix of consent, one where nobody opted in (through
 * the API), the group {@code everyone} of every bulk contact (DataLoader's, added in the database if missing), the
 * benchmark's consent flows (the API), 100 blocked contacts (the API), two templates (the API), and a contact with a
 * long conversation, {@value #LONG_MESSAGES} messages inserted in the database.
 * {@code --markers} runs {@code SELECT 'console page: NAME'} before each page on a connection of its own, so a
 * server log written by {@code auto_explain} ({@code bench.sh --console --explain}) says which page's statements
 * follow.
 */
public final class ConsolePagesBenchmark {
    /** Beside the bulk contacts (880000000001..880001000000), in the same country. */
    static final String LONG_PHONE = "880900000001";
    static final int LONG_MESSAGES = 20_000;
    /** 10,000 members, every 100th contact: consent as the whole base (70% opted in, 20% unknown, 10% out). */
    static final String GROUP = "console benchmark mixed";
    /** 10,000 members none of whom opted in: "opted in and in this group" must read the whole group to say so. */
    static final String GROUP_NONE_IN = "console benchmark";
    static final int GROUP_MEMBERS = 10_000;
    private static final Pattern NEXT = Pattern.compile("href=\"([^\"]+)\" id=\"next-page\"");
    private static final Pattern MEMBERS = Pattern.compile("\"members\"\\s*:\\s*([0-9]+)");

    private final String url;
    private final String apiKey;
    private final HttpClient http;

    private ConsolePagesBenchmark(String url, String apiKey) {
        this.url = url;
        this.apiKey = apiKey;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public static void main(String[] args) throws Exception {
        String url = null;
        String jdbc = null;
        String user = "postgres";
        String apiKey = null;
        int rounds = 50;
        boolean markers = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = args[++i].replaceAll("/+$", "");
                case "--jdbc" -> jdbc = args[++i];
                case "--db-user" -> user = args[++i];
                case "--api-key" -> apiKey = args[++i];
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--markers" -> markers = true;
                case "--service-pid" -> i++; // bench.sh passes it to every main; CPU is not what this measures
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (url == null || jdbc == null) throw new IllegalArgumentException("--url and --jdbc are required");
        if (rounds < 1 || rounds > 10_000) throw new IllegalArgumentException("--rounds: 1..10000");
        ConsolePagesBenchmark bench = new ConsolePagesBenchmark(url, apiKey);
        try (Connection db = DriverManager.getConnection(jdbc, user, "")) {
            long contacts = count(db, "SELECT count(*) FROM contacts WHERE phone LIKE '880%'");
            if (contacts < 1_000_000) {
                System.out.printf("note: %,d bulk contacts, not the 1,000,000 of `bench.sh --db cf_big --big`%n", contacts);
            }
            Map<String, String> pages = bench.arrange(db);
            bench.signIn();
            // the first request of each page compiles and warms what it uses; not counted
            for (int w = 0; w < 3; w++) {
                for (String path : pages.values()) bench.fetch(path);
            }
            Map<String, long[]> took = new LinkedHashMap<>();
            for (String name : pages.keySet()) took.put(name, new long[rounds]);
            if (markers) {
                try (Statement s = db.createStatement()) {
                    // the markers go to the server log as the service's plans do
                    s.execute("LOAD 'auto_explain'");
                    s.execute("SET auto_explain.log_min_duration = 0");
                }
            }
            for (int r = 0; r < rounds; r++) {
                for (Map.Entry<String, String> page : pages.entrySet()) {
                    if (markers) marker(db, page.getKey());
                    long t0 = System.nanoTime();
                    bench.fetch(page.getValue());
                    took.get(page.getKey())[r] = System.nanoTime() - t0;
                }
            }
            report(pages, took, rounds);
        }
    }

    /** What the pages need beyond the bulk history, each made once; the pages to fetch, by name. */
    private Map<String, String> arrange(Connection db) throws Exception {
        long group = group(GROUP, 0);
        long noneIn = group(GROUP_NONE_IN, 1);
        long everyone = everyone(db);
        flows();
        blockSome();
        templates();
        longConversation(db);
        settle(db);

        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("dashboard", "/console");
        pages.put("contacts, first page", "/console/contacts");
        String next = nextLink("/console/contacts");
        pages.put("contacts, next page", next);
        pages.put("contacts, a page in the middle", "/console/contacts?after=880000500000");
        pages.put("consent opted out", "/console/contacts?consent=opted_out");
        pages.put("consent unknown, page 2", nextLink("/console/contacts?consent=unknown"));
        pages.put("status invalid", "/console/contacts?status=invalid");
        pages.put("status blocked", "/console/contacts?status=blocked");
        pages.put("group", "/console/contacts?group=" + group);
        pages.put("group and opted in", "/console/contacts?group=" + group + "&consent=opted_in");
        pages.put("group and opted in, none is", "/console/contacts?group=" + noneIn + "&consent=opted_in");
        pages.put("group of 1M", "/console/contacts?group=" + everyone);
        pages.put("group of 1M and opted out", "/console/contacts?group=" + everyone + "&consent=opted_out");
        pages.put("group of 1M and blocked (100)", "/console/contacts?group=" + everyone + "&status=blocked");
        pages.put("name prefix \"Bulk 12345\"", "/console/contacts?q=" + enc("Bulk 12345"));
        pages.put("name prefix \"bulk 9\" (common)", "/console/contacts?q=" + enc("bulk 9"));
        pages.put("name prefix \"Zed\" (none)", "/console/contacts?q=Zed");
        pages.put("name prefix and opted out", "/console/contacts?q=" + enc("Bulk 5") + "&consent=opted_out");
        pages.put("phone prefix +8800009", "/console/contacts?q=" + enc("+8800009"));
        pages.put("a contact", "/console/contacts/880000123457");
        pages.put("a contact, " + LONG_MESSAGES + " messages", "/console/contacts/" + LONG_PHONE);
        pages.put("flows", "/console/flows");
        pages.put("opt-in flow", "/console/flows/" + LoadGenerator.OPTIN_FLOW);
        pages.put("simulator", "/console/simulator");
        pages.put("templates", "/console/templates");
        pages.put("broadcasts", "/console/broadcasts");
        pages.put("new broadcast", "/console/broadcasts/new");
        pages.put("new broadcast: opted in of the 1M group", "/console/broadcasts/audience?group=" + everyone);
        return pages;
    }

    /** @param offset 0: the k-th member is bulk contact 100k + 10 + k mod 10 (every consent); 1: 100k + 1 (never asked) */
    private long group(String name, int offset) throws Exception {
        HttpResponse<String> list = api("GET", "/api/v1/groups", null);
        Matcher m = Pattern.compile("\"id\"\\s*:\\s*([0-9]+)\\s*,\\s*\"name\"\\s*:\\s*\"" + Pattern.quote(name) + "\"")
                .matcher(list.body());
        long id;
        if (m.find()) {
            id = Long.parseLong(m.group(1));
        } else {
            HttpResponse<String> created = api("POST", "/api/v1/groups", "{\"name\":\"" + name + "\"}");
            Matcher c = Pattern.compile("\"id\"\\s*:\\s*([0-9]+)").matcher(created.body());
            if (!c.find()) throw new IllegalStateException("group not created: " + created.body());
            id = Long.parseLong(c.group(1));
        }
        Matcher members = MEMBERS.matcher(api("GET", "/api/v1/groups/" + id, null).body());
        if (members.find() && Long.parseLong(members.group(1)) >= GROUP_MEMBERS) return id;
        // every 100th contact: members all along the phone order, as a district's contacts would be
        List<String> phones = new ArrayList<>();
        for (int k = 0; k < GROUP_MEMBERS; k++) {
            phones.add('"' + bulkPhone(offset == 0 ? 100L * k + 10 + k % 10 : 1 + 100L * k) + '"');
        }
        api("POST", "/api/v1/groups/" + id + "/members", "{\"phones\":[" + String.join(",", phones) + "]}");
        System.out.printf("arranged: group %d (%s) with %,d members%n", id, name, GROUP_MEMBERS);
        return id;
    }

    /** The group of every bulk contact (DataLoader makes it; a database loaded before that gets it here). */
    private static long everyone(Connection db) throws SQLException {
        try (Statement s = db.createStatement()) {
            String find = "SELECT id FROM groups WHERE lower(name) = '" + DataLoader.EVERYONE_GROUP + "'";
            try (ResultSet rs = s.executeQuery(find)) {
                if (rs.next()) return rs.getLong(1);
            }
            s.execute(DataLoader.EVERYONE);
            System.out.printf("arranged: group '%s' of every bulk contact%n", DataLoader.EVERYONE_GROUP);
            try (ResultSet rs = s.executeQuery(find)) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The benchmark's consent flows, for the flow pages (a database only loaded by DataLoader has none). */
    private void flows() throws Exception {
        if (send("GET", "/api/v1/flows/" + LoadGenerator.OPTIN_FLOW, null).statusCode() == 200) return;
        byte[] flows;
        try (java.io.InputStream in = LoadGenerator.class.getResourceAsStream(LoadGenerator.FLOWS_RESOURCE)) {
            if (in == null) throw new IllegalStateException(LoadGenerator.FLOWS_RESOURCE + " missing from the jar");
            flows = in.readAllBytes();
        }
        HttpResponse<String> r = send("POST", "/api/v1/flows/import", new String(flows, StandardCharsets.UTF_8));
        if (r.statusCode() / 100 != 2) throw new IllegalStateException("flow import answered " + r.statusCode());
        System.out.println("arranged: the consent flows imported");
    }

    private void blockSome() throws Exception {
        for (int k = 0; k < 100; k++) api("POST", "/api/v1/contacts/" + bulkPhone(7 + 10_000L * k) + "/block", "");
    }

    private void templates() throws Exception {
        for (String lang : List.of("en", "hi")) {
            HttpResponse<String> r = send("POST", "/api/v1/templates", "{\"name\":\"clinic_reminder\",\"language\":\""
                    + lang + "\",\"category\":\"utility\",\"body\":\"Your appointment is on {{1}} at {{2}}.\"}");
            if (r.statusCode() != 201 && r.statusCode() != 409) throw new IllegalStateException(r.statusCode() + " " + r.body());
        }
    }

    /** A contact of many years: its messages go straight into the database (the API has no way to backdate). */
    private void longConversation(Connection db) throws Exception {
        send("POST", "/api/v1/contacts", "{\"phone\":\"+" + LONG_PHONE + "\",\"name\":\"Long talker\","
                + "\"consent\":{\"status\":\"opted_in\",\"note\":\"console benchmark\"}}");
        long have = count(db, "SELECT count(*) FROM messages WHERE phone = '" + LONG_PHONE + "'");
        if (have >= LONG_MESSAGES) return;
        try (PreparedStatement ps = db.prepareStatement("""
                INSERT INTO messages (id, seq, phone, direction, type, text, content, provider, provider_id, status,
                                      flow_uuid, reason, at, created_at)
                SELECT md5('long-msg-' || n)::uuid, nextval(pg_get_serial_sequence('messages', 'seq')), ?,
                       CASE WHEN n % 2 = 0 THEN 'inbound' ELSE 'outbound' END, 'text',
                       CASE WHEN n % 2 = 0 THEN 'Hi, it is me again (' || n || ')' ELSE 'Thanks, noted.' END, NULL,
                       'gupshup', 'long-' || n, CASE WHEN n % 2 = 0 THEN 'received' ELSE 'read' END, NULL, NULL,
                       now() - (? - n) * interval '1 hour', now() - (? - n) * interval '1 hour'
                FROM generate_series(?, ?) n""")) {
            ps.setString(1, LONG_PHONE);
            ps.setLong(2, LONG_MESSAGES);
            ps.setLong(3, LONG_MESSAGES);
            ps.setLong(4, have + 1);
            ps.setLong(5, LONG_MESSAGES);
            ps.executeUpdate();
        }
        try (Statement s = db.createStatement()) {
            s.execute("ANALYZE messages");
        }
        System.out.printf("arranged: +%s with %,d messages%n", LONG_PHONE, LONG_MESSAGES);
    }

    /**
     * What autovacuum does on a server that runs it (this project's machine has it off): the statistics of the
     * memberships just added, and the space of the dashboard's count deltas already folded (V14; a bulk load leaves
     * millions), so that the plans measured are those a settled database gets.
     */
    private static void settle(Connection db) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("ANALYZE group_members");
            try (ResultSet rs = s.executeQuery("SELECT to_regclass('count_deltas') IS NOT NULL")) {
                rs.next();
                if (rs.getBoolean(1)) s.execute("VACUUM (ANALYZE) count_deltas");
            }
        }
    }

    private void signIn() throws Exception {
        HttpResponse<String> r = get("/console/sign-in");
        if (r.statusCode() == 303 && apiKey == null) return; // the console is open: the first page started a session
        if (apiKey == null) throw new IllegalStateException("the console asks for a key: give --api-key");
        Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(r.body());
        if (!csrf.find()) throw new IllegalStateException("no sign-in form: " + r.statusCode());
        HttpResponse<String> signed = http.send(HttpRequest.newBuilder(URI.create(url + "/console/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("csrf=" + enc(csrf.group(1)) + "&key=" + enc(apiKey))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (signed.statusCode() != 303) throw new IllegalStateException("sign-in refused: " + signed.statusCode());
    }

    private String nextLink(String path) throws Exception {
        HttpResponse<String> r = fetch(path);
        Matcher m = NEXT.matcher(r.body());
        if (!m.find()) throw new IllegalStateException("no next page on " + path);
        return m.group(1).replace("&amp;", "&");
    }

    private HttpResponse<String> fetch(String path) throws Exception {
        HttpResponse<String> r = get(path);
        if (r.statusCode() != 200) throw new IllegalStateException(path + " answered " + r.statusCode());
        return r;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> api(String method, String path, String body) throws Exception {
        HttpResponse<String> r = send(method, path, body);
        if (r.statusCode() / 100 != 2) throw new IllegalStateException(method + " " + path + ": " + r.statusCode() + " " + r.body());
        return r;
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(60));
        if (apiKey != null) b.header("Authorization", "Bearer " + apiKey);
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void report(Map<String, String> pages, Map<String, long[]> took, int rounds) {
        System.out.printf("%n%d rounds, one request at a time%n%n", rounds);
        System.out.println("| page | path | p50 ms | p95 ms | max ms |");
        System.out.println("|---|---|---|---|---|");
        long worst = 0;
        for (Map.Entry<String, long[]> e : took.entrySet()) {
            long[] t = e.getValue().clone();
            Arrays.sort(t);
            worst = Math.max(worst, t[t.length - 1]);
            System.out.printf("| %s | `%s` | %.1f | %.1f | %.1f |%n", e.getKey(), pages.get(e.getKey()),
                    ms(t[(t.length - 1) / 2]), ms(t[(int) Math.ceil(t.length * 0.95) - 1]), ms(t[t.length - 1]));
        }
        System.out.printf("%nslowest request: %.1f ms (promise: every page under 200 ms)%n", ms(worst));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static void marker(Connection db, String page) throws SQLException {
        // the name in the statement's text, where the server log shows it (a parameter would show as $1)
        try (Statement s = db.createStatement()) {
            s.executeQuery("SELECT 'console page: " + page.replace("'", "''") + "'").close();
        }
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String bulkPhone(long i) {
        return DataLoader.PHONE_PREFIX + String.format("%09d", i);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
