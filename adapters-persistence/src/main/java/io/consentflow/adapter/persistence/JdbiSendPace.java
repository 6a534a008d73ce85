package io.consentflow.adapter.persistence;

import io.consentflow.application.port.out.SendPace;
import io.consentflow.domain.pace.SendBudget;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The business number's sending budget in the one {@code send_pace} row (V16), shared by every instance on the
 * database. Each call is one statement, one round trip, in its own implicit transaction: it locks the row
 * ({@code FOR UPDATE}, so concurrent instances queue for a few microseconds), brings the budget up to {@code now},
 * applies the take, spend or slow down, and writes it back ({@code UPDATE ... RETURNING}). The arithmetic is
 * {@link SendBudget}'s, written again in SQL expression by expression in the same order (so the doubles come out
 * bit for bit the same; {@code SendPaceTest} runs one script through both and compares), with SendBudget's constants
 * bound as parameters rather than copied.
 *
 * <p><b>Whose clock.</b> The refill is computed from the instant the caller gives, not the database's clock: the
 * port takes {@code now} from the application's injected {@link java.time.Clock}, so tests drive the shared budget
 * on a fixed clock like the domain's, and the benchmark and the service measure pace on the clock they report
 * with. The cost is clock skew between instances, which the budget bounds: {@code as_of} only moves forwards (the
 * latest instant any instance gave), so an instance whose clock is behind refills nothing until its clock passes
 * it; instances whose clocks are d apart can over-credit d's worth of pace once, never d per call (with NTP, a few
 * milliseconds: well within the one-second burst). The database's {@code clock_timestamp()} would have no skew but
 * could not be driven by a test, and {@code now()} is the transaction's start, not the statement's.
 */
final class JdbiSendPace implements SendPace {
    private static final String PARAMETERS = """
            WITH given AS (
                SELECT CAST(:now AS timestamptz) AS t, CAST(:rate AS float8) AS r
            ), old AS (
                SELECT p.tokens, p.as_of, p.slowed_to, p.slowed_until, g.t, g.r
                FROM send_pace p, given g WHERE p.id = 1 FOR UPDATE OF p
            ), paced AS (
                SELECT o.*, %s AS pace_then, %s AS pace_now,
                       GREATEST(0, EXTRACT(EPOCH FROM o.t - o.as_of)::float8) AS elapsed
                FROM old o
            ), budget AS (
                SELECT pa.*, LEAST(pa.pace_now * CAST(:burst AS float8),
                                   pa.tokens + pa.pace_then * pa.elapsed) AS refilled
                FROM paced pa
            )
            """.formatted(pace("o.as_of"), pace("o.t"));
    /** SendBudget.take: whole messages only, never more than wanted. */
    static final String TAKE = PARAMETERS + """
            , taken AS (
                SELECT b.*, CAST(GREATEST(0, LEAST(CAST(:wanted AS int), floor(b.refilled))) AS int) AS granted
                FROM budget b
            )
            UPDATE send_pace p SET tokens = k.refilled - k.granted, as_of = GREATEST(k.as_of, k.t)
            FROM taken k WHERE p.id = 1
            RETURNING k.granted
            """;
    /** SendBudget.spend: never refused, the debt stops at one burst. */
    static final String SPEND = PARAMETERS + """
            UPDATE send_pace p
            SET tokens = GREATEST(-(b.pace_now * CAST(:burst AS float8)), b.refilled - CAST(:messages AS int)),
                as_of = GREATEST(b.as_of, b.t)
            FROM budget b WHERE p.id = 1
            RETURNING p.id
            """;
    /** SendBudget.slowDown: halved (not below the floor) unless the last slow down was less than SETTLE ago. */
    static final String SLOW_DOWN = PARAMETERS + """
            , settled AS (
                SELECT b.*, (b.slowed_until IS NOT NULL
                             AND b.t < b.slowed_until - make_interval(secs => CAST(:hold AS float8))
                                       + make_interval(secs => CAST(:settle AS float8))) AS same
                FROM budget b
            )
            UPDATE send_pace p
            SET tokens = CASE WHEN s.same THEN s.refilled ELSE LEAST(s.refilled, 0) END,
                as_of = GREATEST(s.as_of, s.t),
                slowed_to = CASE WHEN s.same THEN s.slowed_to
                                 ELSE GREATEST(CAST(:floor AS float8), s.pace_now / 2) END,
                slowed_until = CASE WHEN s.same THEN s.slowed_until
                                    ELSE s.t + make_interval(secs => CAST(:hold AS float8)) END
            FROM settled s WHERE p.id = 1
            RETURNING p.id
            """;
    /** The row as it was made by V16 (should a test or an operator have deleted it). */
    private static final String RECREATE = "INSERT INTO send_pace (id, tokens, as_of, slowed_to, slowed_until) "
            + "VALUES (1, 0, '1970-01-01T00:00:00Z', 0, NULL) ON CONFLICT (id) DO NOTHING";

    private final Database db;
    private final int perSecond;

    JdbiSendPace(Database db, int perSecond) {
        SendBudget.unused(perSecond); // refuses a pace below 1 here rather than at the first call
        this.db = db;
        this.perSecond = perSecond;
    }

    /** SendBudget.pace at {@code at}: the configured pace, the slowed one during the hold, then recovering. */
    private static String pace(String at) {
        return ("CASE WHEN o.slowed_until IS NULL THEN o.r WHEN %1$s < o.slowed_until THEN LEAST(o.r, o.slowed_to) "
                + "ELSE LEAST(o.r, o.slowed_to + o.r * EXTRACT(EPOCH FROM %1$s - o.slowed_until)::float8 "
                + "/ CAST(:recovery AS float8)) END").formatted(at);
    }

    @Override
    public int take(int wanted, Instant now) {
        if (wanted < 0) throw new IllegalArgumentException("wanted must not be negative, got " + wanted);
        if (wanted == 0) return 0;
        return run(TAKE, now, q -> q.bind("wanted", wanted));
    }

    @Override
    public void spent(int messages, Instant now) {
        if (messages < 0) throw new IllegalArgumentException("messages must not be negative, got " + messages);
        if (messages == 0) return;
        run(SPEND, now, q -> q.bind("messages", messages));
    }

    @Override
    public void slowDown(Instant now) {
        run(SLOW_DOWN, now, q -> q.bind("hold", seconds(SendBudget.HOLD)).bind("settle", seconds(SendBudget.SETTLE))
                .bind("floor", SendBudget.FLOOR));
    }

    /** The budget as stored now (operators' view, tests). */
    SendBudget budget() {
        return db.withHandle(h -> h.createQuery("SELECT tokens, as_of, slowed_to, slowed_until FROM send_pace WHERE id = 1")
                .map((rs, ctx) -> new SendBudget(perSecond, rs.getDouble("tokens"), Times.instant(rs, "as_of"),
                        rs.getDouble("slowed_to"), Times.instant(rs, "slowed_until")))
                .findOne().orElse(SendBudget.unused(perSecond)));
    }

    /** One statement; should the row be gone, it is made again and the statement run once more. */
    private int run(String sql, Instant now, java.util.function.UnaryOperator<Query> extra) {
        return db.withHandle(h -> {
            Optional<Integer> answer = statement(h, sql, now, extra);
            if (answer.isPresent()) return answer.get();
            h.execute(RECREATE);
            return statement(h, sql, now, extra).orElseThrow(() -> new IllegalStateException("send_pace has no row"));
        });
    }

    private Optional<Integer> statement(Handle h, String sql, Instant now, java.util.function.UnaryOperator<Query> extra) {
        Query q = h.createQuery(sql).bind("now", Times.utc(SendBudget.micros(now))).bind("rate", (double) perSecond)
                .bind("burst", seconds(SendBudget.BURST)).bind("recovery", seconds(SendBudget.RECOVERY));
        return extra.apply(q).mapTo(Integer.class).findOne();
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1_000_000_000.0;
    }
}
