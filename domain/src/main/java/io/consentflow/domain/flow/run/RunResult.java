package io.consentflow.domain.flow.run;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A saved result, {@code @results.<key>}: value, category name and the input it came from. {@code extra} (null
 * for none, as nearly every result has) holds what a webhook or a posted result answered, flattened by dotted
 * path ({@code @results.<key>.<path>}, Glific's shape).
 */
public record RunResult(String name, String value, String category, String input, String nodeUuid, Instant at,
                        Map<String, String> extra) {
    // compiled once: key() runs for every saved result and every @results reference
    // marks stay: Devanagari vowel signs are part of a word ("नाम" must not become "न_म")
    private static final Pattern NON_ALPHANUMERIC = Pattern.compile("[^\\p{L}\\p{M}\\p{N}]+");
    private static final Pattern EDGE_UNDERSCORES = Pattern.compile("^_+|_+$");

    public RunResult {
        extra = extra == null || extra.isEmpty() ? null : Map.copyOf(extra);
    }

    /** A result without extra fields (a router's, set_run_result's). */
    public RunResult(String name, String value, String category, String input, String nodeUuid, Instant at) {
        this(name, value, category, input, nodeUuid, at, null);
    }

    /** RapidPro's result key: lower case, runs of other than letters, marks and digits become one underscore. */
    public static String key(String name) {
        String k = NON_ALPHANUMERIC.matcher(name.strip().toLowerCase(Locale.ROOT)).replaceAll("_");
        return EDGE_UNDERSCORES.matcher(k).replaceAll("");
    }
}
