package io.consentflow.domain.contact;

import io.consentflow.domain.consent.ConsentChange;
import io.consentflow.domain.consent.ConsentMethod;
import io.consentflow.domain.consent.ConsentRequest;
import io.consentflow.domain.consent.ConsentState;
import io.consentflow.domain.consent.ConsentTopic;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.consentflow.domain.fixtures.Refusals.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContactTest {
    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    private static final Phone PHONE = new Phone("919917443994");

    private static Contact fresh() {
        return Contact.newContact(PHONE, "  Asha ", T0);
    }

    @Test
    void aNewContactIsValidWithUnknownConsent() {
        Contact c = fresh();
        assertEquals(ContactStatus.VALID, c.status());
        assertEquals(ConsentState.UNKNOWN, c.consent().state());
        assertEquals("Asha", c.name());
        assertEquals(Contact.DEFAULT_LANGUAGE, c.language());
        assertNull(c.lastInboundAt());
        assertTrue(c.newConsentChanges().isEmpty());
    }

    @Test
    void optingInMakesTheContactValidAndRecordsTheChange() {
        Contact c = fresh();
        assertTrue(c.optIn(ConsentMethod.FLOW, "msg-1", "flow-1", T0));
        assertEquals(ContactStatus.VALID, c.status());
        assertEquals(ConsentState.OPTED_IN, c.consent().state());
        assertEquals(ConsentMethod.FLOW, c.consent().method());
        assertEquals("msg-1", c.consent().evidence());
        assertEquals(List.of(new ConsentChange(ConsentState.UNKNOWN, ConsentState.OPTED_IN, ConsentMethod.FLOW,
                "msg-1", "flow-1", T0)), c.newConsentChanges());
    }

    @Test
    void consentChangesAreHandedOutExactlyOnce() {
        Contact c = fresh();
        c.optIn(ConsentMethod.FLOW, "msg-1", "flow-1", T0);
        List<ConsentChange> first = c.drainConsentChanges();
        assertEquals(1, first.size());
        assertTrue(c.drainConsentChanges().isEmpty(), "a second save appends nothing");
        assertTrue(c.newConsentChanges().isEmpty());
        c.optOut(ConsentMethod.FLOW, "msg-2", "flow-2", T0.plusSeconds(1));
        assertEquals(List.of(ConsentState.OPTED_OUT), c.drainConsentChanges().stream().map(ConsentChange::to).toList());
    }

    @Test
    void optingOutMakesTheContactInvalid() {
        Contact c = fresh();
        c.optIn(ConsentMethod.FLOW, "msg-1", "flow-1", T0);
        assertTrue(c.optOut(ConsentMethod.FLOW, "msg-2", "flow-2", T0.plusSeconds(60)));
        assertEquals(ContactStatus.INVALID, c.status());
        assertTrue(c.consent().optedOut());
        assertEquals(2, c.newConsentChanges().size());
        ConsentChange last = c.newConsentChanges().get(1);
        assertEquals(ConsentState.OPTED_IN, last.from());
        assertEquals(ConsentState.OPTED_OUT, last.to());
        assertEquals("msg-2", last.evidence());
        assertEquals("flow-2", last.flowUuid());
    }

    @Test
    void aProviderResumeLiftsOnlyThatProvidersOwnStop() {
        String stop = "meta:user_preferences:stop";
        ConsentRequest resume = new ConsentRequest(ConsentState.OPTED_IN, ConsentMethod.BSP,
                "meta:user_preferences:resume", null, T0.plusSeconds(120));

        Contact stopped = fresh();
        stopped.optOut(ConsentMethod.BSP, stop, null, T0);
        assertTrue(stopped.liftProviderStop(stop, resume));
        assertEquals(ConsentState.OPTED_IN, stopped.consent().state());
        assertEquals(ContactStatus.VALID, stopped.status());

        Contact optedOutInAFlow = fresh();
        optedOutInAFlow.optOut(ConsentMethod.FLOW, "msg-1", "optout-flow", T0);
        assertFalse(optedOutInAFlow.liftProviderStop(stop, resume));
        assertEquals(ConsentState.OPTED_OUT, optedOutInAFlow.consent().state());
        assertEquals(1, optedOutInAFlow.newConsentChanges().size());

        Contact otherProvidersStop = fresh();
        otherProvidersStop.optOut(ConsentMethod.BSP, "gupshup:user-event:opted-out", null, T0);
        assertFalse(otherProvidersStop.liftProviderStop(stop, resume));

        Contact neverAsked = fresh();
        assertFalse(neverAsked.liftProviderStop(stop, resume));
        assertEquals(ConsentState.UNKNOWN, neverAsked.consent().state());
    }

    @Test
    void optingInAgainAfterOptingOutMakesTheContactValidAgain() {
        Contact c = fresh();
        c.optOut(ConsentMethod.FLOW, "m1", null, T0);
        assertEquals(ContactStatus.INVALID, c.status());
        c.optIn(ConsentMethod.FLOW, "m2", null, T0.plusSeconds(1));
        assertEquals(ContactStatus.VALID, c.status());
        assertEquals(List.of(ConsentState.OPTED_OUT, ConsentState.OPTED_IN),
                c.newConsentChanges().stream().map(ConsentChange::to).toList());
    }

    @Test
    void aRepeatedOptInByTheSameMethodRecordsNothing() {
        Contact c = fresh();
        c.optIn(ConsentMethod.BSP, "e1", null, T0);
        assertFalse(c.optIn(ConsentMethod.BSP, "e2", null, T0.plusSeconds(5)));
        assertEquals(1, c.newConsentChanges().size());
        assertEquals("e1", c.consent().evidence());
        assertEquals(T0, c.consent().at());
    }

    @Test
    void aRepeatedOptInByAnotherMethodIsRecorded() {
        Contact c = fresh();
        c.optIn(ConsentMethod.BSP, "e1", null, T0);
        assertTrue(c.optIn(ConsentMethod.FLOW, "m1", "flow-1", T0.plusSeconds(5)));
        assertEquals(2, c.newConsentChanges().size());
        assertEquals(ConsentState.OPTED_IN, c.newConsentChanges().get(1).from());
        assertEquals(ConsentMethod.FLOW, c.consent().method());
    }

    @Test
    void aBlockedContactStaysBlockedWhateverItsConsent() {
        Contact c = fresh();
        c.block();
        c.optIn(ConsentMethod.FLOW, "m1", null, T0);
        assertEquals(ContactStatus.BLOCKED, c.status());
        assertTrue(c.blocked());
        c.optOut(ConsentMethod.FLOW, "m2", null, T0);
        assertEquals(ContactStatus.BLOCKED, c.status());
        assertEquals(2, c.newConsentChanges().size());
    }

    @Test
    void unblockingReturnsTheStatusTheConsentImplies() {
        Contact optedOut = fresh();
        optedOut.optOut(ConsentMethod.API, "admin", null, T0);
        optedOut.block();
        optedOut.unblock();
        assertEquals(ContactStatus.INVALID, optedOut.status());

        Contact optedIn = fresh();
        optedIn.block();
        optedIn.unblock();
        assertEquals(ContactStatus.VALID, optedIn.status());
    }

    @Test
    void anInvalidNumberWithdrawsConsent() {
        Contact c = fresh();
        c.optIn(ConsentMethod.FLOW, "m1", null, T0);
        assertTrue(c.markNumberInvalid("gs-1002", T0));
        assertEquals(ContactStatus.INVALID, c.status());
        assertEquals(ConsentMethod.NUMBER_INVALID, c.consent().method());
    }

    @Test
    void consentCannotGoBackToUnknown() {
        assertRefused(IllegalArgumentException.class, "consent cannot be changed back to unknown",
                () -> new io.consentflow.domain.consent.ConsentRequest(ConsentState.UNKNOWN, ConsentMethod.API, null,
                        null, T0));
    }

    @Test
    void inboundOpensTheWindowForExactly24Hours() {
        Contact c = fresh();
        assertFalse(c.sessionWindowOpen(T0));
        c.receivedInbound(T0, "Other name");
        assertEquals("Asha", c.name());
        assertTrue(c.sessionWindowOpen(T0.plusSeconds(24 * 3600 - 1)));
        assertFalse(c.sessionWindowOpen(T0.plusSeconds(24 * 3600)));
        c.receivedInbound(T0.minusSeconds(10), null);
        assertEquals(T0, c.lastInboundAt(), "an older message does not move the window back");
    }

    @Test
    void inboundNeverChangesConsent() {
        Contact c = fresh();
        c.optOut(ConsentMethod.FLOW, "m1", null, T0);
        c.receivedInbound(T0.plusSeconds(10), "x");
        assertTrue(c.consent().optedOut());
        assertEquals(ContactStatus.INVALID, c.status());
    }

    @Test
    void profileChanges() {
        Contact c = Contact.restore(PHONE, null, "hin", Map.of("city", "Pune"), Set.of("a", "b"),
                ContactStatus.VALID, io.consentflow.domain.consent.ConsentStatus.UNKNOWN, null, T0);
        c.rename("  Ravi  ");
        c.changeLanguage(" eng ");
        c.changeLanguage("  ");
        c.setField("city", "");
        c.setField("age", "30");
        c.removeGroups(List.of("a"));
        c.addGroups(List.of("c"));
        assertEquals("Ravi", c.name());
        assertEquals("eng", c.language());
        assertEquals(Map.of("age", "30"), c.fields());
        assertEquals(Set.of("b", "c"), c.groups());
        assertTrue(c.newConsentChanges().isEmpty());
    }

    @Test
    void phonesAreE164Digits() {
        assertEquals("919917443994", Phone.parse(" +919917443994 ").digits());
        assertEquals("919*******94", PHONE.masked());
        assertRefused(InvalidPhoneException.class, "not an E.164 phone number (7 to 15 digits", () -> Phone.parse("0123"));
        assertRefused(InvalidPhoneException.class, "not an E.164 phone number", () -> Phone.parse("abc"));
    }

    @Test
    void theMarketingSwitchIsItsOwnTopicAndNeverChangesConsentOrStatus() {
        Contact c = fresh();
        c.optIn(ConsentMethod.FLOW, "m1", null, T0);
        c.drainConsentChanges();
        ConsentRequest stop = new ConsentRequest(ConsentState.OPTED_OUT, ConsentMethod.BSP,
                "meta:user_preferences:stop", null, T0.plusSeconds(10));

        assertTrue(c.changeMarketingConsent(stop));
        assertFalse(c.changeMarketingConsent(stop), "a repeated stop is no news");
        assertTrue(c.consent().optedIn(), "still opted in");
        assertEquals(ContactStatus.VALID, c.status());
        assertEquals(ConsentState.OPTED_OUT, c.marketingConsent().state());
        assertEquals(List.of(new ConsentChange(ConsentState.UNKNOWN, ConsentState.OPTED_OUT, ConsentMethod.BSP,
                "meta:user_preferences:stop", null, T0.plusSeconds(10), ConsentTopic.MARKETING)), c.drainConsentChanges());

        assertTrue(c.changeMarketingConsent(new ConsentRequest(ConsentState.OPTED_IN, ConsentMethod.BSP,
                "meta:user_preferences:resume", null, T0.plusSeconds(20))));
        assertEquals(ConsentState.OPTED_IN, c.marketingConsent().state());
        assertEquals(ConsentTopic.MARKETING, c.drainConsentChanges().get(0).topic());
    }

    @Test
    void onlyCountryCode999MarksATestContact() {
        org.junit.jupiter.api.Assertions.assertTrue(Phone.parse("+99900000001").test());
        org.junit.jupiter.api.Assertions.assertFalse(Phone.parse("919990000001").test());
        org.junit.jupiter.api.Assertions.assertFalse(Phone.parse("19995550100").test());
    }
}
