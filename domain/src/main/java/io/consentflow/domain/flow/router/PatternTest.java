package io.consentflow.domain.flow.router;

import io.consentflow.domain.flow.InvalidFlowException;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** A regular expression found anywhere in the text, case-insensitively; the value is the whole match. */
public record PatternTest(Pattern pattern) implements CaseTest {
    /** The test for {@code regex}; refuses an expression that does not compile. */
    public static PatternTest of(String regex) {
        try {
            return new PatternTest(Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
        } catch (PatternSyntaxException e) {
            throw new InvalidFlowException(null, "has_pattern argument is not a valid pattern: " + e.getDescription());
        }
    }

    @Override
    public Optional<String> match(CaseInput input) {
        String operand = input.text();
        if (operand == null) return Optional.empty();
        Matcher m = pattern.matcher(operand);
        return m.find() ? Optional.of(m.group()) : Optional.empty();
    }
}
