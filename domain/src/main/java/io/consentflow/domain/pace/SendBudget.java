package io.consentflow.domain.pace;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The business number's sending budget: a token bucket that fills at the number's pace ({@code perSecond} messages
 * a second, WhatsApp's throughput for the number) and holds at most one second of it (the burst). Every instance of
 * the service draws on the same budget (the persistence adapter keeps it in one row and applies exactly this
 * arithmetic in one statement), so the number's pace is held by all of them together.
 *
 * <ul>
 *   <li><b>Replies</b> ({@link #spend}) are counted and never refused: a contact talking to the bot gets its answer
 *       whatever the budget says. They may drive the budget below zero, down to one burst of debt, and broadcast
 *       work then waits until it recovers. The debt stops at one burst because the provider counts throughput over
 *       about a second: a surge of replies older than that no longer counts against the number.</li>
 *   <li><b>Broadcast work</b> ({@link #take}) gets only whole messages the budget holds now, so it takes what the
 *       replies left, never more than the pace plus one burst over any window.</li>
 *   <li><b>Slowing down</b> ({@link #slowDown}): the provider said "too fast" (HTTP 429, Meta's 130429 throughput
 *       or 131056 pair rate limit). The pace is halved (never below {@link #FLOOR} a second) and held there for
 *       {@link #HOLD}, then recovers linearly, regaining the full pace over {@link #RECOVERY} (so from half the pace,
 *       in half of it): multiplicative decrease, additive increase, as TCP does, and as Meta advises for its
 *       rate-limit errors (wait, then send again more slowly). Rate limits within {@link #SETTLE} of the last slow
 *       down are the same excess (the calls of one batch fail together) and halve it only once. The budget
 *       held is emptied: what was about to go would meet the same limit.</li>
 * </ul>
 *
 * <p>Time is given by the caller and only moves forwards ({@code asOf} is the latest instant seen): an instance whose
 * clock is behind another's gets nothing refilled until its clock passes the budget's, so clocks apart by d
 * can let through at most d's worth of pace once, never d per call. Instants are kept to the microsecond, as the
 * database keeps them. Refilling credits the time since {@code asOf} at the pace of {@code asOf}: during recovery
 * that is the lower of the two paces (it only rises until the next slow down), so a long gap never over-credits.
 *
 * @param perSecond   the number's configured pace ({@code CONSENTFLOW_SEND_RATE}), at least 1
 * @param tokens      the messages that may go now; below zero after replies went beyond the pace
 * @param asOf        when {@code tokens} was last brought up to date
 * @param slowedTo    the pace the last slow down set (meaningless while {@code slowedUntil} is null)
 * @param slowedUntil when the last slow down's hold ends, recovery starting there; null if never slowed down
 */
public record SendBudget(int perSecond, double tokens, Instant asOf, double slowedTo, Instant slowedUntil) {
    /** How much the bucket holds: one second of the pace (Meta's throughput is counted per second). */
    public static final Duration BURST = Duration.ofSeconds(1);
    /** How long a slow down holds the halved pace before recovery starts. */
    public static final Duration HOLD = Duration.ofSeconds(30);
    /** Recovery regains the full pace in this long from zero: perSecond / 60 more each second. */
    public static final Duration RECOVERY = Duration.ofSeconds(60);
    /** Rate limits closer than this to the last slow down count as that one. */
    public static final Duration SETTLE = Duration.ofSeconds(1);
    /** The slowest pace a slow down leaves: one message a second. */
    public static final double FLOOR = 1.0;

    public SendBudget {
        if (perSecond < 1) throw new IllegalArgumentException("a pace of at least 1 message a second, got " + perSecond);
        if (!Double.isFinite(tokens)) throw new IllegalArgumentException("tokens must be a number, got " + tokens);
        Objects.requireNonNull(asOf, "asOf");
        asOf = micros(asOf);
        if (slowedUntil != null) slowedUntil = micros(slowedUntil);
    }

    /** A budget never used: the first call finds it full (one burst). */
    public static SendBudget unused(int perSecond) {
        return new SendBudget(perSecond, 0, Instant.EPOCH, 0, null);
    }

    /** What {@link #take} granted, and the budget after it. */
    public record Taken(SendBudget budget, int granted) {
    }

    /** The pace at {@code at}, in messages a second: the configured one unless a slow down holds or recovers. */
    public double pace(Instant at) {
        if (slowedUntil == null) return perSecond;
        Instant t = micros(at);
        if (t.isBefore(slowedUntil)) return Math.min(perSecond, slowedTo);
        return Math.min(perSecond, slowedTo + perSecond * seconds(slowedUntil, t) / seconds(RECOVERY));
    }

    /** The most the budget holds at {@code at}: one burst at that moment's pace. */
    public double burst(Instant at) {
        return pace(at) * seconds(BURST);
    }

    /** The budget brought up to {@code at}: the time since {@link #asOf} credited at the pace of then, up to a burst. */
    public SendBudget refill(Instant at) {
        Instant t = micros(at);
        double elapsed = Math.max(0, seconds(asOf, t));
        double refilled = Math.min(burst(t), tokens + pace(asOf) * elapsed);
        return new SendBudget(perSecond, refilled, t.isAfter(asOf) ? t : asOf, slowedTo, slowedUntil);
    }

    /** Broadcast work: as many of {@code wanted} messages as the budget holds whole at {@code at} (0 to wanted). */
    public Taken take(int wanted, Instant at) {
        if (wanted < 0) throw new IllegalArgumentException("wanted must not be negative, got " + wanted);
        SendBudget b = refill(at);
        int granted = (int) Math.max(0, Math.min(wanted, Math.floor(b.tokens)));
        return new Taken(b.withTokens(b.tokens - granted), granted);
    }

    /** Replies: {@code messages} counted at {@code at}, never refused; the debt stops at one burst. */
    public SendBudget spend(int messages, Instant at) {
        if (messages < 0) throw new IllegalArgumentException("messages must not be negative, got " + messages);
        SendBudget b = refill(at);
        return b.withTokens(Math.max(-b.burst(at), b.tokens - messages));
    }

    /** The provider said "too fast" at {@code at}: half the pace (not below the floor), held, then recovering. */
    public SendBudget slowDown(Instant at) {
        Instant t = micros(at);
        SendBudget b = refill(t);
        if (slowedUntil != null && t.isBefore(slowedUntil.minus(HOLD).plus(SETTLE))) return b;
        return new SendBudget(perSecond, Math.min(b.tokens, 0), b.asOf, Math.max(FLOOR, b.pace(t) / 2), t.plus(HOLD));
    }

    private SendBudget withTokens(double t) {
        return new SendBudget(perSecond, t, asOf, slowedTo, slowedUntil);
    }

    /** Seconds from {@code from} to {@code to}, microseconds exact (negative if {@code to} is earlier). */
    private static double seconds(Instant from, Instant to) {
        Duration d = Duration.between(micros(from), micros(to));
        return (d.getSeconds() * 1_000_000L + d.getNano() / 1_000) / 1_000_000.0;
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1_000_000_000.0;
    }

    /** Instants as the database keeps them: to the microsecond. */
    public static Instant micros(Instant at) {
        return Instant.ofEpochSecond(at.getEpochSecond(), at.getNano() / 1_000 * 1_000);
    }
}
