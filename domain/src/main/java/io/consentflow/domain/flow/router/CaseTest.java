package io.consentflow.domain.flow.router;

import java.util.Optional;

/**
 * The closed set of router case types, one family per kind of evidence a case looks at (the flow format names
 * each type; the reader maps the name to one of these). {@link #match} answers the matched value (what RapidPro
 * stores as the result's value: the words matched, the number found, the date, the text) or empty.
 */
public sealed interface CaseTest permits WordTest, TextTest, NumberTest, PatternTest, DateTest, TimeTest,
        ChoicesTest, InputTypeTest, GroupTest, CategoryTest, ErrorTest, IntentTest {
    Optional<String> match(CaseInput input);

    /** The test on a text message alone ({@link CaseInput#text}). */
    default Optional<String> match(String text) {
        return match(CaseInput.text(text));
    }
}
