package io.consentflow.domain.flow.router;

import java.util.List;
import java.util.Optional;

/**
 * The closed set of router case types. {@link #match} gets the evaluated operand and answers the matched value
 * (what RapidPro stores as the result's value: the words matched, the number found, the text) or empty.
 */
public sealed interface CaseTest permits WordTest, TextTest, NumberTest, PatternTest {
    Optional<String> match(String operand);

    /** Builds the test for a case {@code type} with its {@code arguments}; refuses an unknown type or bad arguments. */
    static CaseTest of(String type, List<String> arguments) {
        return CaseTests.of(type, arguments == null ? List.of() : arguments);
    }
}
