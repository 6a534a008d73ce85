package io.consentflow.domain.contact;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The texts flows sent a contact lately, for Glific's loop rule: the same text more than {@value #LIMIT} times
 * within {@link #WINDOW} is a loop. Kept with the contact (loaded and saved with it, so the inbound path needs no
 * extra round trip), and small: a text is kept as a 64-bit hash with the times of its last {@value #LIMIT} sends,
 * entries older than the window are dropped, and at most {@value #MAX_TEXTS} texts are kept (the one sent least
 * recently goes first; a loop repeats its texts, so they stay among the most recent).
 *
 * @param entries most recently sent last
 */
public record RecentFlowTexts(List<Entry> entries) {
    /** Glific's guard: a fourth copy within six hours is a loop. */
    public static final int LIMIT = 3;
    public static final Duration WINDOW = Duration.ofHours(6);
    public static final int MAX_TEXTS = 64;
    public static final RecentFlowTexts NONE = new RecentFlowTexts(List.of());

    /** One text: its {@link #hash} and the times it was sent within the window, oldest first, at most LIMIT. */
    public record Entry(String hash, List<Instant> sentAt) {
        public Entry {
            Objects.requireNonNull(hash, "hash");
            sentAt = List.copyOf(sentAt);
        }

        Instant last() {
            return sentAt.get(sentAt.size() - 1);
        }
    }

    public RecentFlowTexts {
        entries = List.copyOf(entries);
    }

    /** Whether sending {@code text} at {@code now} would be its (LIMIT+1)th copy within the window. */
    public boolean wouldLoop(String text, Instant now) {
        String h = hash(text);
        Instant since = now.minus(WINDOW);
        for (Entry e : entries) {
            if (!e.hash().equals(h)) continue;
            return e.sentAt().stream().filter(t -> t.isAfter(since)).count() >= LIMIT;
        }
        return false;
    }

    /** With {@code text} sent at {@code now}; entries that fell out of the window are dropped. */
    public RecentFlowTexts with(String text, Instant now) {
        String h = hash(text);
        Instant since = now.minus(WINDOW);
        List<Entry> kept = new ArrayList<>(entries.size() + 1);
        List<Instant> times = new ArrayList<>(LIMIT + 1);
        for (Entry e : entries) {
            List<Instant> recent = e.sentAt().stream().filter(t -> t.isAfter(since)).toList();
            if (e.hash().equals(h)) times.addAll(recent);
            else if (!recent.isEmpty()) kept.add(new Entry(e.hash(), recent));
        }
        times.add(now);
        while (times.size() > LIMIT) times.remove(0);
        kept.add(new Entry(h, times));
        kept.sort(Comparator.comparing(Entry::last));
        while (kept.size() > MAX_TEXTS) kept.remove(0);
        return new RecentFlowTexts(kept);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The first 64 bits of the text's SHA-256, in hex: stable across restarts and JVMs, 16 characters. */
    static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((text == null ? "" : text).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
