package io.consentflow.domain.keyword;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static io.consentflow.domain.fixtures.Refusals.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeywordTest {
    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(delimiter = '|', value = {
            "Opt-Out!| optout",
            "' STOP '| stop",
            "opt out| optout",
            "Opt-In!| optin",
            "OPTIN 👍| optin",
            "ｏｐｔｉｎ| optin",
            "1️⃣| 1",
            "नमस्ते| नमस्ते",
    })
    void normalisesAsTheIncomingText(String raw, String expected) {
        assertEquals(expected, Keyword.of(raw).value());
        assertEquals(expected, Keyword.normalize(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"👍", "!!!", "   ", "-", "👍🏽 👎"})
    void aKeywordThatNormalisesToNothingIsRefused(String raw) {
        EmptyKeywordException e = assertRefused(EmptyKeywordException.class, "normalises to nothing",
                () -> Keyword.of(raw));
        assertEquals(raw, e.raw());
    }

    @Test
    void theRecordOnlyHoldsNormalisedValues() {
        assertRefused(IllegalArgumentException.class, "not a normalised keyword: Opt-In", () -> new Keyword("Opt-In"));
        assertRefused(IllegalArgumentException.class, "not a normalised keyword", () -> new Keyword(""));
        assertEquals("optin", new Keyword("optin").value());
    }

    @Test
    void aKeywordHasAtMost64CharactersAnd256AsTyped() {
        // every inbound message is compared with every keyword: nobody types a longer one
        assertEquals(64, Keyword.of("k".repeat(64)).value().length());
        assertEquals("k".repeat(64), Keyword.of("k-".repeat(64)).value());
        assertRefused(KeywordTooLongException.class, "a keyword has at most 64 characters",
                () -> Keyword.of("k".repeat(65)));
        assertRefused(KeywordTooLongException.class, "a keyword has at most 64 characters",
                () -> Keyword.of(" ".repeat(100_000)));
        KeywordTooLongException e = assertRefused(KeywordTooLongException.class, "a keyword has at most 64 characters",
                () -> Keyword.of("x".repeat(100_000)));
        assertTrue(e.getMessage().length() < 200, e::getMessage);
    }
}
