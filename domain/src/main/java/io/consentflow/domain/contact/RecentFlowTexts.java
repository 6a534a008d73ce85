package io.consentflow.domain.contact;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
    public record Entry(long hash, List<Instant> sentAt) {
        public Entry {
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
        long h = hash(text);
        Instant since = now.minus(WINDOW);
        for (Entry e : entries) {
            if (e.hash() != h) continue;
            return e.sentAt().stream().filter(t -> t.isAfter(since)).count() >= LIMIT;
        }
        return false;
    }

    /** With {@code text} sent at {@code now}; entries that fell out of the window are dropped. */
    public RecentFlowTexts with(String text, Instant now) {
        long h = hash(text);
        Instant since = now.minus(WINDOW);
        List<Entry> kept = new ArrayList<>(entries.size() + 1);
        List<Instant> times = new ArrayList<>(LIMIT + 1);
        for (Entry e : entries) {
            List<Instant> recent = e.sentAt().stream().filter(t -> t.isAfter(since)).toList();
            if (e.hash() == h) times.addAll(recent);
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

    /**
     * FNV-1a over the text's UTF-16 code units, 64 bits: stable across restarts and JVMs (unlike
     * {@code String.hashCode}, 32 bits), computed without allocating on every message a flow sends; a collision among
     * the few dozen texts kept is vanishingly unlikely, and would at worst end a run early.
     */
    static long hash(String text) {
        long h = 0xcbf29ce484222325L;
        String t = text == null ? "" : text;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            h = (h ^ (c & 0xff)) * 0x100000001b3L;
            h = (h ^ (c >>> 8)) * 0x100000001b3L;
        }
        return h;
    }
}
