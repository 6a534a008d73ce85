package io.consentflow.domain.flow.run;

import java.time.Instant;

/** A saved result, {@code @results.<key>}: value, category name and the input it came from. */
public record RunResult(String name, String value, String category, String input, String nodeUuid, Instant at) {
    /** RapidPro's result key: lower case, runs of non-alphanumerics become one underscore. */
    public static String key(String name) {
        String k = name.strip().toLowerCase(java.util.Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "_");
        return k.replaceAll("^_+|_+$", "");
    }
}
