package io.consentflow.domain.contact;

import io.consentflow.domain.consent.ConsentMethod;
import io.consentflow.domain.consent.ConsentState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContactImportAndGroupsTest {
    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    private static final Phone PHONE = new Phone("919917443994");

    @Test
    void anImportOptsInAContactThatNeverAnswered() {
        Contact c = Contact.newContact(PHONE, "Asha", T0);
        assertEquals(ImportedConsent.OPTED_IN, c.importOptIn("import:list.csv:row 2:2026-02-01", T0));
        assertEquals(ConsentState.OPTED_IN, c.consent().state());
        assertEquals(ConsentMethod.IMPORT, c.consent().method());
        assertEquals("import:list.csv:row 2:2026-02-01", c.consent().evidence());
        assertEquals(1, c.drainConsentChanges().size());
    }

    @Test
    void anImportNeverOverridesAnOptOut() {
        Contact c = Contact.newContact(PHONE, "Asha", T0);
        c.optOut(ConsentMethod.FLOW, "msg-1", null, T0);
        c.drainConsentChanges();
        assertEquals(ImportedConsent.KEPT_OPTED_OUT, c.importOptIn("import", T0.plusSeconds(60)));
        assertEquals(ConsentState.OPTED_OUT, c.consent().state());
        assertEquals(ContactStatus.INVALID, c.status());
        assertTrue(c.drainConsentChanges().isEmpty(), "nothing recorded");
    }

    @Test
    void anImportLeavesABlockedContactBlockedAndItsConsentAlone() {
        Contact c = Contact.newContact(PHONE, "Asha", T0);
        c.block();
        assertEquals(ImportedConsent.KEPT_BLOCKED, c.importOptIn("import", T0));
        assertEquals(ConsentState.UNKNOWN, c.consent().state());
        assertEquals(ContactStatus.BLOCKED, c.status());
        // an opted-out blocked contact counts as opted out: that is what the import must never undo
        c.optOut(ConsentMethod.API, "staff", null, T0);
        assertEquals(ImportedConsent.KEPT_OPTED_OUT, c.importOptIn("import", T0));
    }

    @Test
    void anImportKeepsTheEvidenceOfAnEarlierOptIn() {
        Contact c = Contact.newContact(PHONE, "Asha", T0);
        c.optIn(ConsentMethod.FLOW, "msg-1", "flow", T0);
        c.drainConsentChanges();
        assertEquals(ImportedConsent.ALREADY_OPTED_IN, c.importOptIn("import", T0.plusSeconds(5)));
        assertEquals("msg-1", c.consent().evidence());
        assertTrue(c.drainConsentChanges().isEmpty());
    }

    @Test
    void groupsCompareIgnoringCaseAndSayWhetherTheyChanged() {
        Contact c = Contact.restore(PHONE, "Asha", "eng", null, Set.of("Farmers"), ContactStatus.VALID,
                io.consentflow.domain.consent.ConsentStatus.UNKNOWN, null, T0);
        assertFalse(c.groupsChanged());
        c.addGroups(List.of("farmers", " FARMERS "));
        assertEquals(Set.of("Farmers"), c.groups());
        assertFalse(c.groupsChanged());
        c.addGroups(List.of(" Teachers ", ""));
        assertEquals(Set.of("Farmers", "Teachers"), c.groups());
        assertTrue(c.groupsChanged());
        c.removeGroups(List.of("TEACHERS"));
        assertFalse(c.groupsChanged(), "back to what was loaded");
        c.removeGroups(List.of("farmers"));
        assertTrue(c.groups().isEmpty());
        assertTrue(c.groupsChanged());
    }
}
