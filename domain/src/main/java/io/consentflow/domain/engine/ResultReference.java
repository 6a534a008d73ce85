package io.consentflow.domain.engine;

import io.consentflow.domain.flow.run.RunResult;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A router operand that is one result of the run: {@code @results.x}, {@code @(results.x)}, or one of its parts
 * ({@code @results.x.category}). goflow hands such an operand to {@code has_category} as the result itself, and
 * a name the run has no result for is an evaluation error ({@code has_error}).
 *
 * @param name  the name as written
 * @param whole true when the operand is the result itself, not one of its parts
 */
record ResultReference(String name, boolean whole) {
    private static final String PATH = "results\\.([\\p{L}\\p{M}\\p{N}_]+)(\\.(?:value|category|input))?";
    private static final Pattern PLAIN = Pattern.compile("@" + PATH, Pattern.CASE_INSENSITIVE);
    private static final Pattern PARENTHESISED = Pattern.compile("@\\(\\s*" + PATH + "\\s*\\)", Pattern.CASE_INSENSITIVE);

    /** The result {@code operand} refers to, if it is nothing but such a reference. */
    static Optional<ResultReference> of(String operand) {
        if (operand == null) return Optional.empty();
        String o = operand.strip();
        Matcher m = PLAIN.matcher(o);
        if (!m.matches()) m = PARENTHESISED.matcher(o);
        if (!m.matches()) return Optional.empty();
        return Optional.of(new ResultReference(m.group(1), m.group(2) == null));
    }

    /** The run's result of this name, if it has one. */
    Optional<RunResult> resultIn(Map<String, RunResult> results) {
        return Optional.ofNullable(results.get(RunResult.key(name)));
    }
}
