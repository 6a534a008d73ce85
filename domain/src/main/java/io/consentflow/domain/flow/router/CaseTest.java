package io.consentflow.domain.flow.router;

import java.util.Optional;

/**
 * The closed set of router case types (the flow format names them; the reader maps each name to one of these). {@link #match} gets the evaluated operand and answers the matched value
 * (what RapidPro stores as the result's value: the words matched, the number found, the text) or empty.
 */
public sealed interface CaseTest permits WordTest, TextTest, NumberTest, PatternTest {
    Optional<String> match(String operand);
}
