package io.consentflow.domain.policy;

import io.consentflow.domain.message.RefusalReason;
import io.consentflow.domain.consent.ConsentMethod;
import io.consentflow.domain.consent.ConsentRequest;
import io.consentflow.domain.consent.ConsentState;
import io.consentflow.domain.template.TemplateCategory;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.flow.run.RunStatus;
import io.consentflow.domain.message.Interactive;
import io.consentflow.domain.message.OutboundMessage;
import io.consentflow.domain.message.MessageType;
import io.consentflow.domain.message.OutboundContent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SendPolicyTest {
    private static final Instant LAST_INBOUND = Instant.parse("2026-03-01T12:00:00Z");
    private static final Instant INSIDE = LAST_INBOUND.plus(Duration.ofHours(24)).minusSeconds(1); // 23:59:59
    private static final Instant EDGE = LAST_INBOUND.plus(Duration.ofHours(24)); // exactly 24:00:00: closed

    private static final OutboundContent TEXT = new OutboundContent.Text("hi", List.of());
    private static final OutboundContent INTERACTIVE = new OutboundContent.InteractiveContent(new Interactive(
            Interactive.Kind.QUICK_REPLY, null, "pick", List.of("a", "b"), null, List.of()));
    private static final OutboundContent TEMPLATE = new OutboundContent.Template("news", "en", List.of());
    private static final OutboundContent MARKETING = registered("offer", TemplateCategory.MARKETING);
    private static final OutboundContent UTILITY = registered("appointment", TemplateCategory.UTILITY);
    private static final OutboundContent AUTHENTICATION = registered("code", TemplateCategory.AUTHENTICATION);

    private static OutboundContent registered(String name, TemplateCategory category) {
        return new OutboundContent.Template(name, "en", List.of(), null, category, name + "-at-provider");
    }

    private final SendPolicy policy = new SendPolicy();

    private static Contact contact() {
        Contact c = Contact.newContact(new Phone("919917443994"), "Asha", LAST_INBOUND.minusSeconds(60));
        c.receivedInbound(LAST_INBOUND, null);
        return c;
    }

    private static Contact optedOut() {
        Contact c = contact();
        c.optOut(ConsentMethod.FLOW, "m", null, LAST_INBOUND);
        return c;
    }

    private static Contact optedIn() {
        Contact c = contact();
        c.optIn(ConsentMethod.FLOW, "m", null, LAST_INBOUND);
        return c;
    }

    private void allowed(Contact c, OutboundContent content, boolean optinFlow, Instant now) {
        assertTrue(policy.decide(c, content, optinFlow, now).allowed());
    }

    private void refused(RefusalReason reason, Contact c, OutboundContent content, boolean optinFlow, Instant now) {
        assertEquals(new SendDecision.Refused(reason), policy.decide(c, content, optinFlow, now));
    }

    @Test
    void freeFormInsideTheWindowIsAllowedUntil23h59m59s() {
        allowed(contact(), TEXT, false, INSIDE);
        allowed(contact(), INTERACTIVE, false, INSIDE);
    }

    @Test
    void freeFormAtExactly24HoursIsRefused() {
        refused(RefusalReason.SESSION_WINDOW_CLOSED, contact(), TEXT, false, EDGE);
        refused(RefusalReason.SESSION_WINDOW_CLOSED, contact(), INTERACTIVE, false, EDGE);
        refused(RefusalReason.SESSION_WINDOW_CLOSED, optedIn(), TEXT, false, EDGE);
    }

    @Test
    void withoutAnyInboundTheWindowIsClosed() {
        Contact c = Contact.newContact(new Phone("919917443994"), null, LAST_INBOUND);
        refused(RefusalReason.SESSION_WINDOW_CLOSED, c, TEXT, false, LAST_INBOUND);
        refused(RefusalReason.NOT_OPTED_IN, c, TEMPLATE, false, LAST_INBOUND);
    }

    @Test
    void aTemplateGoesOnlyToOptedInContactsInsideTheWindowToo() {
        refused(RefusalReason.NOT_OPTED_IN, contact(), TEMPLATE, false, INSIDE);
        allowed(optedIn(), TEMPLATE, false, INSIDE);
    }

    @Test
    void theOptinFlowMayAskWithATemplateInsideTheWindowOnly() {
        allowed(contact(), TEMPLATE, true, INSIDE);
        allowed(optedOut(), TEMPLATE, true, INSIDE);
        refused(RefusalReason.NOT_OPTED_IN, contact(), TEMPLATE, true, EDGE);
    }

    private static Contact stoppedMarketing(Contact c) {
        c.changeMarketingConsent(new ConsentRequest(ConsentState.OPTED_OUT, ConsentMethod.BSP,
                "meta:user_preferences:stop", null, LAST_INBOUND));
        return c;
    }

    @Test
    void aMarketingTemplateIsRefusedAfterTheContactStoppedMarketingMessages() {
        refused(RefusalReason.MARKETING_OPTED_OUT, stoppedMarketing(optedIn()), MARKETING, false, INSIDE);
        refused(RefusalReason.MARKETING_OPTED_OUT, stoppedMarketing(optedIn()), MARKETING, false, EDGE);
        // the opt-in flow's exception is about consent, not about WhatsApp's marketing switch
        refused(RefusalReason.MARKETING_OPTED_OUT, stoppedMarketing(contact()), MARKETING, true, INSIDE);
        allowed(optedIn(), MARKETING, false, EDGE);
    }

    @Test
    void utilityAndAuthenticationTemplatesStillGoToAnOptedInContactWhoStoppedMarketing() {
        allowed(stoppedMarketing(optedIn()), UTILITY, false, EDGE);
        allowed(stoppedMarketing(optedIn()), AUTHENTICATION, false, INSIDE);
        refused(RefusalReason.NOT_OPTED_IN, stoppedMarketing(contact()), UTILITY, false, INSIDE);
        allowed(stoppedMarketing(optedIn()), TEXT, false, INSIDE);
    }

    @Test
    void aTemplateTheRegistryDoesNotKnowIsJudgedAsMarketing() {
        refused(RefusalReason.MARKETING_OPTED_OUT, stoppedMarketing(optedIn()), TEMPLATE, false, INSIDE);
    }

    @Test
    void aResumeLiftsTheMarketingStop() {
        Contact c = stoppedMarketing(optedIn());
        c.changeMarketingConsent(new ConsentRequest(ConsentState.OPTED_IN, ConsentMethod.BSP,
                "meta:user_preferences:resume", null, INSIDE.minusSeconds(5)));
        allowed(c, MARKETING, false, INSIDE);
    }

    @Test
    void theMarketingStopIsCheckedAgainWhenTheMessageLeaves() {
        Contact c = optedIn();
        OutboundMessage queued = OutboundMessage.queued(UUID.randomUUID(), c.phone(), MessageType.TEMPLATE, "news",
                MARKETING, null, null, false, LAST_INBOUND, null);
        assertTrue(policy.decideAtSend(new QueuedSend(queued, c, null), INSIDE).allowed());
        stoppedMarketing(c);
        assertEquals(new SendDecision.Refused(RefusalReason.MARKETING_OPTED_OUT),
                policy.decideAtSend(new QueuedSend(queued, c, null), INSIDE));
        OutboundMessage utility = OutboundMessage.queued(UUID.randomUUID(), c.phone(), MessageType.TEMPLATE, "code",
                UTILITY, null, null, false, LAST_INBOUND, null);
        assertTrue(policy.decideAtSend(new QueuedSend(utility, c, null), EDGE).allowed());
    }

    @Test
    void aTemplateOutsideTheWindowNeedsOptIn() {
        refused(RefusalReason.NOT_OPTED_IN, contact(), TEMPLATE, false, EDGE);
        allowed(optedIn(), TEMPLATE, false, EDGE);
    }

    @Test
    void aBlockedContactGetsNothingEvenFromTheOptinFlow() {
        Contact c = optedIn();
        c.block();
        refused(RefusalReason.CONTACT_BLOCKED, c, TEXT, true, INSIDE);
        refused(RefusalReason.CONTACT_BLOCKED, c, TEMPLATE, false, INSIDE);
    }

    @Test
    void anOptedOutContactIsRefused() {
        refused(RefusalReason.CONTACT_OPTED_OUT, optedOut(), TEXT, false, INSIDE);
        refused(RefusalReason.CONTACT_OPTED_OUT, optedOut(), TEMPLATE, false, INSIDE);
    }

    @Test
    void theOptinFlowMayMessageAnOptedOutContactOnlyInsideTheWindow() {
        allowed(optedOut(), INTERACTIVE, true, INSIDE);
        allowed(optedOut(), TEXT, true, INSIDE);
        refused(RefusalReason.CONTACT_OPTED_OUT, optedOut(), TEXT, true, EDGE);
        refused(RefusalReason.CONTACT_OPTED_OUT, optedOut(), TEMPLATE, true, EDGE);
    }

    @Test
    void anInvalidNumberIsRefusedWithTheSameOptinException() {
        Contact c = contact();
        c.markNumberInvalid("gs-1002", LAST_INBOUND);
        // the number does not exist: invalid, even for the opt-in flow
        refused(RefusalReason.CONTACT_INVALID, c, TEXT, false, INSIDE);
        refused(RefusalReason.CONTACT_INVALID, c, TEXT, true, INSIDE);
        // ...until it writes to us again: then it is an opted-out contact who may opt back in
        c.receivedInbound(LAST_INBOUND.plusSeconds(5), null);
        refused(RefusalReason.CONTACT_OPTED_OUT, c, TEXT, false, INSIDE);
        allowed(c, TEXT, true, INSIDE);

        Contact invalidOnly = Contact.restore(new Phone("919917443994"), null, null, null, null,
                io.consentflow.domain.contact.ContactStatus.INVALID,
                io.consentflow.domain.consent.ConsentStatus.UNKNOWN, LAST_INBOUND, LAST_INBOUND);
        refused(RefusalReason.CONTACT_INVALID, invalidOnly, TEXT, false, INSIDE);
        refused(RefusalReason.CONTACT_INVALID, invalidOnly, TEXT, true, EDGE);
        allowed(invalidOnly, TEXT, true, INSIDE);
    }

    @Test
    void reasonsHaveWireCodes() {
        assertEquals("contact_opted_out", RefusalReason.CONTACT_OPTED_OUT.code());
        assertEquals("session_window_closed", RefusalReason.SESSION_WINDOW_CLOSED.code());
    }

    // ---- when the message leaves (decideAtSend) ------------------------------------------------------------

    /** Queued one minute after the last inbound. */
    private static final Instant QUEUED_AT = LAST_INBOUND.plusSeconds(60);

    private static OutboundMessage queued(OutboundContent content, boolean optinAsk) {
        return OutboundMessage.queued(UUID.randomUUID(), new Phone("919917443994"), MessageType.TEXT, "hi",
                content, optinAsk ? "optin-flow" : null, optinAsk ? UUID.randomUUID() : null, optinAsk, QUEUED_AT,
                null);
    }

    private SendDecision atSend(Contact c, OutboundContent content, boolean optinAsk, RunStatus run, Instant now) {
        return policy.decideAtSend(new QueuedSend(queued(content, optinAsk), c, run), now);
    }

    private static SendDecision.Refused refusal(RefusalReason reason) {
        return new SendDecision.Refused(reason);
    }

    @Test
    void atSendTheContactAsItIsNowDecides() {
        assertTrue(atSend(optedIn(), TEXT, false, null, INSIDE).allowed());
        // queued while opted in, opted out while it waited in the outbox
        Contact c = optedIn();
        c.optOut(ConsentMethod.API, "admin", null, QUEUED_AT.plusSeconds(5));
        assertEquals(refusal(RefusalReason.CONTACT_OPTED_OUT), atSend(c, TEXT, false, null, INSIDE));
        assertEquals(refusal(RefusalReason.CONTACT_OPTED_OUT), atSend(c, TEMPLATE, false, null, INSIDE));
        Contact blocked = optedIn();
        blocked.block();
        assertEquals(refusal(RefusalReason.CONTACT_BLOCKED), atSend(blocked, TEXT, false, null, INSIDE));
        Contact invalid = optedIn();
        invalid.markNumberInvalid("gs-1002", QUEUED_AT.plusSeconds(5));
        assertEquals(refusal(RefusalReason.CONTACT_INVALID), atSend(invalid, TEXT, false, null, INSIDE));
        assertEquals(refusal(RefusalReason.CONTACT_INVALID), atSend(null, TEXT, false, null, INSIDE),
                "no stored contact: nothing to check consent against");
    }

    @Test
    void atSendTheOptOutFlowsOwnConfirmationStillGoes() {
        OutboundMessage goodbye = OutboundMessage.queued(UUID.randomUUID(), new Phone("919917443994"),
                MessageType.TEXT, "You have been opted out", TEXT, "optout-flow", UUID.randomUUID(), false, QUEUED_AT,
                null);
        Contact sameSprint = optedIn();
        sameSprint.optOut(ConsentMethod.FLOW, "msg-stop", "optout-flow", QUEUED_AT);
        assertTrue(policy.decideAtSend(new QueuedSend(goodbye, sameSprint, RunStatus.COMPLETED), INSIDE).allowed(),
                "queued by the sprint that then recorded the opt-out");
        assertEquals(refusal(RefusalReason.CONTACT_OPTED_OUT),
                policy.decideAtSend(new QueuedSend(goodbye, sameSprint, RunStatus.COMPLETED), EDGE),
                "only inside the window");
        Contact later = optedIn();
        later.optOut(ConsentMethod.FLOW, "msg-stop", "optout-flow", QUEUED_AT.plusSeconds(5));
        assertEquals(refusal(RefusalReason.CONTACT_OPTED_OUT),
                policy.decideAtSend(new QueuedSend(goodbye, later, RunStatus.COMPLETED), INSIDE));
        Contact byStaff = optedIn();
        byStaff.optOut(ConsentMethod.API, "admin", null, QUEUED_AT);
        assertEquals(refusal(RefusalReason.CONTACT_OPTED_OUT),
                policy.decideAtSend(new QueuedSend(goodbye, byStaff, RunStatus.COMPLETED), INSIDE));
    }

    @Test
    void atSendTheWindowIsTheOneOfTheMomentItLeaves() {
        assertEquals(refusal(RefusalReason.SESSION_WINDOW_CLOSED), atSend(optedIn(), TEXT, false, null, EDGE));
        assertEquals(refusal(RefusalReason.SESSION_WINDOW_CLOSED), atSend(optedIn(), INTERACTIVE, false, null, EDGE));
        assertTrue(atSend(optedIn(), TEMPLATE, false, null, EDGE).allowed(), "a template to an opted-in contact");
        assertEquals(refusal(RefusalReason.NOT_OPTED_IN), atSend(contact(), TEMPLATE, false, null, EDGE));
        assertEquals(refusal(RefusalReason.SESSION_WINDOW_CLOSED), atSend(optedIn(), null, false, null, EDGE),
                "no content: the free-form rule");
    }

    @Test
    void theOptinExceptionHoldsAtSendOnlyForAnAskOfARunStillGoing() {
        // opted out before the ask was queued: the opt-in flow may ask, and may say goodbye when it completes
        assertTrue(atSend(optedOut(), TEXT, true, RunStatus.ACTIVE, INSIDE).allowed());
        assertTrue(atSend(optedOut(), TEXT, true, RunStatus.SUSPENDED, INSIDE).allowed());
        assertTrue(atSend(optedOut(), TEXT, true, RunStatus.COMPLETED, INSIDE).allowed());
        // a run cut short ("stop", a deleted flow, a loop), timed out, failed or gone: its asks stay unsent
        for (RunStatus ended : List.of(RunStatus.INTERRUPTED, RunStatus.EXPIRED, RunStatus.FAILED)) {
            assertEquals(refusal(RefusalReason.CONTACT_OPTED_OUT), atSend(optedOut(), TEXT, true, ended, INSIDE),
                    ended.wire());
        }
        assertEquals(refusal(RefusalReason.CONTACT_OPTED_OUT), atSend(optedOut(), TEXT, true, null, INSIDE));
        // a message not queued under the exception never gets it, whatever its run
        assertEquals(refusal(RefusalReason.CONTACT_OPTED_OUT), atSend(optedOut(), TEXT, false, RunStatus.ACTIVE,
                INSIDE));
        // the window must still be open when it leaves
        assertEquals(refusal(RefusalReason.CONTACT_OPTED_OUT), atSend(optedOut(), TEXT, true, RunStatus.ACTIVE,
                EDGE));
    }

    @Test
    void anOptOutRecordedAfterTheAskWasQueuedAlwaysWins() {
        Contact later = optedIn();
        later.optOut(ConsentMethod.BSP, "user-event", null, QUEUED_AT.plusMillis(1));
        assertEquals(refusal(RefusalReason.CONTACT_OPTED_OUT), atSend(later, TEXT, true, RunStatus.ACTIVE, INSIDE));
        // the same instant is the same sprint: the opt-out came first, then the flow's message
        Contact sameSprint = optedIn();
        sameSprint.optOut(ConsentMethod.FLOW, "m", null, QUEUED_AT);
        assertTrue(atSend(sameSprint, TEXT, true, RunStatus.COMPLETED, INSIDE).allowed());
    }
}
