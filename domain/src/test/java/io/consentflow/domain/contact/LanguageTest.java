package io.consentflow.domain.contact;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LanguageTest {
    private static final Language HINDI = new Language("hin");

    @ParameterizedTest
    @ValueSource(strings = {"hi", "hin", "HIN", " hindi ", "Hindi", "हिंदी", "हिन्दी", "hi_IN", "hi-IN"})
    void everyWayOfNamingHindiIsHindi(String named) {
        assertEquals(Optional.of(HINDI), Language.find(named));
    }

    @Test
    void codesAndNamesOfOtherLanguagesComeFromTheJdk() {
        assertEquals(Optional.of(Language.ENGLISH), Language.find("en_US"), "Glific's locale form");
        assertEquals(Optional.of(Language.ENGLISH), Language.find("english"));
        assertEquals(Optional.of(new Language("tam")), Language.find("தமிழ்"));
        assertEquals(Optional.of(new Language("mar")), Language.find("Marathi"));
        assertEquals(Optional.of(new Language("spa")), Language.find("Español"));
        assertEquals(Optional.of(new Language("ori")), Language.find("or"));
        assertEquals(Optional.of(new Language("kok")), Language.find("Konkani"), "no ISO 639-1 code, still known");
        assertEquals(Optional.of(new Language("kok")), Language.find("kok"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "base", "klingon", "xyz", "hindi please", "@results.lang"})
    void whatNamesNoLanguageIsNone(String named) {
        assertEquals(Optional.empty(), Language.find(named));
    }

    @Test
    void nullNamesNone() {
        assertEquals(Optional.empty(), Language.find(null));
    }

    @Test
    void theCodeIsIso6393AndTheTwoLetterCodeIsThereForWhatNeedsIt() {
        assertEquals("hin", HINDI.code());
        assertEquals("hin", HINDI.toString());
        assertEquals("hi", HINDI.twoLetterCode());
        assertEquals("kok", new Language("kok").twoLetterCode(), "none: the 639-3 code");
        assertThrows(IllegalArgumentException.class, () -> new Language("hi"));
        assertThrows(IllegalArgumentException.class, () -> new Language("Hindi"));
    }

    @Test
    void aLocalizationKeyNamesTheLanguageEitherWay() {
        assertTrue(HINDI.isNamedBy("hi"));
        assertTrue(HINDI.isNamedBy("hin"));
        assertFalse(HINDI.isNamedBy("eng"));
        assertFalse(HINDI.isNamedBy("base"));
    }

    @Test
    void theContactStoresTheCodeAndKeepsItsLanguageForAnUnknownOne() {
        Contact c = Contact.newContact(new Phone("919876543210"), "Asha", java.time.Instant.EPOCH);
        assertEquals("eng", c.language(), "the default stays what the API showed");
        assertTrue(c.changeLanguage("हिंदी"));
        assertEquals("hin", c.language());
        assertFalse(c.changeLanguage("klingon"));
        assertFalse(c.changeLanguage(" "));
        assertEquals("hin", c.language());
        assertEquals(Optional.of(HINDI), c.knownLanguage());
    }

    @Test
    void aStoredValueThatNamesNoLanguageIsKeptButPicksNoTranslation() {
        Contact c = Contact.restore(new Phone("919876543210"), null, "Elvish", null, null, ContactStatus.VALID,
                io.consentflow.domain.consent.ConsentStatus.UNKNOWN, null, java.time.Instant.EPOCH);
        assertEquals("Elvish", c.language());
        assertEquals(Optional.empty(), c.knownLanguage());
    }
}
