package io.consentflow.domain.policy;

import io.consentflow.domain.consent.ConsentMethod;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.fixtures.Fixtures;
import io.consentflow.domain.fixtures.TestFlows;
import io.consentflow.domain.flow.Flow;
import io.consentflow.domain.flow.run.Run;
import io.consentflow.domain.flow.KeywordIndex;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static io.consentflow.domain.fixtures.Fixtures.NOW;
import static io.consentflow.domain.fixtures.Fixtures.PHONE;
import static io.consentflow.domain.fixtures.TestFlows.flowUuid;
import static io.consentflow.domain.fixtures.TestFlows.keywordFlow;
import static io.consentflow.domain.policy.InboundDecision.Ignore.Why.CONTACT_BLOCKED;
import static io.consentflow.domain.policy.InboundDecision.Ignore.Why.CONTACT_OPTED_OUT;
import static io.consentflow.domain.policy.InboundDecision.Ignore.Why.NOTHING_TO_DO;
import static io.consentflow.domain.policy.InboundDecision.ResumeRun.Why.FLOW_IGNORES_KEYWORDS;
import static io.consentflow.domain.policy.InboundDecision.ResumeRun.Why.OPTED_OUT_ANSWERS_OPTIN_FLOW;
import static io.consentflow.domain.policy.InboundDecision.ResumeRun.Why.REPLY;
import static io.consentflow.domain.policy.InboundDecision.StartFlow.Why.CONSENT_KEYWORD;
import static io.consentflow.domain.policy.InboundDecision.StartFlow.Why.KEYWORD;
import static io.consentflow.domain.policy.InboundDecision.StartFlow.Why.NEW_CONTACT;
import static io.consentflow.domain.policy.InboundDecision.StartFlow.Why.OPTIN_KEYWORD_WHILE_OPTED_OUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One test per step of the decision order (docs/inbound.md), 3 to 10; each names the step that must decide. */
class InboundPolicyTest {
    private final Flow optin = TestFlows.optin();
    private final Flow optout = TestFlows.optout();
    private final Flow news = keywordFlow(flowUuid(1), false, "news");
    private final Flow survey = keywordFlow(flowUuid(2), true, "survey");
    private final Flow chat = keywordFlow(flowUuid(3), false, "chat");
    private final Flow welcome = keywordFlow(flowUuid(4), false, "welcome");
    private final KeywordIndex index = KeywordIndex.of(List.of(optin, optout, news, survey, chat, welcome));
    private final FlowRoles roles = new FlowRoles(Optional.of(optin), Optional.of(optout), Optional.of(welcome));
    private final InboundPolicy policy = new InboundPolicy();

    private static Run waitingRun(Flow flow) {
        Run r = Run.start(UUID.randomUUID(), flow.uuid(), PHONE, null, NOW);
        r.waitAt("n1", NOW, null, NOW.plusSeconds(3600));
        return r;
    }

    private static Run busyRun(Flow flow) {
        return Run.start(UUID.randomUUID(), flow.uuid(), PHONE, null, NOW);
    }

    private InboundDecision decide(Contact c, boolean first, String text, Run run, Flow runFlow) {
        return decide(c, first, text, run, runFlow, roles);
    }

    private InboundDecision decide(Contact c, boolean first, String text, Run run, Flow runFlow, FlowRoles r) {
        return policy.decide(c, first, text, Optional.ofNullable(run), Optional.ofNullable(runFlow), index, r);
    }

    private static Contact optedOut() {
        Contact c = Fixtures.contact();
        c.optOut(ConsentMethod.FLOW, "m", null, NOW);
        return c;
    }

    // each assertion names the step of the decision order that must decide
    private static void starts(InboundDecision.StartFlow.Why why, Flow expected, InboundDecision d) {
        assertEquals(new InboundDecision.StartFlow(expected, why), d);
    }

    private static void resumes(InboundDecision.ResumeRun.Why why, InboundDecision d) {
        assertEquals(new InboundDecision.ResumeRun(why), d);
    }

    private static void ignores(InboundDecision.Ignore.Why why, InboundDecision d) {
        assertEquals(new InboundDecision.Ignore(why), d);
    }

    // 3
    @Test
    void aBlockedContactIsIgnoredEvenForConsentKeywordsAndWaitingRuns() {
        Contact c = Fixtures.contact();
        c.block();
        ignores(CONTACT_BLOCKED, decide(c, true, "optin", waitingRun(news), news));
        ignores(CONTACT_BLOCKED, decide(c, false, "stop", null, null));
    }

    // 4
    @Test
    void anOptedOutContactCanStartOnlyTheOptinFlow() {
        starts(OPTIN_KEYWORD_WHILE_OPTED_OUT, optin, decide(optedOut(), false, "Opt-In!", waitingRun(news), news));
        starts(OPTIN_KEYWORD_WHILE_OPTED_OUT, optin, decide(optedOut(), false, "optin", null, null));
    }

    @Test
    void anOptedOutContactCanAnswerTheWaitingOptinFlow() {
        resumes(OPTED_OUT_ANSWERS_OPTIN_FLOW, decide(optedOut(), false, "👍", waitingRun(optin), optin));
    }

    @Test
    void everythingElseFromAnOptedOutContactIsIgnored() {
        ignores(CONTACT_OPTED_OUT, decide(optedOut(), false, "news", null, null));
        ignores(CONTACT_OPTED_OUT, decide(optedOut(), false, "stop", null, null));
        ignores(CONTACT_OPTED_OUT, decide(optedOut(), true, "hello", null, null)); // not even the new-contact flow
        ignores(CONTACT_OPTED_OUT, decide(optedOut(), false, "1", waitingRun(news), news));
        ignores(CONTACT_OPTED_OUT, decide(optedOut(), false, "👍", busyRun(optin), optin)); // opt-in run not waiting
        ignores(CONTACT_OPTED_OUT, decide(optedOut(), false, "👍", waitingRun(optin), null)); // its flow is gone
    }

    @Test
    void aMarketingFlowKeyedOptinNeverReachesAnOptedOutContact() {
        // no opt-in action: not the opt-in flow, whatever the keyword or the roles given
        Flow promo = keywordFlow(flowUuid(5), true, "optin");
        KeywordIndex promoIndex = KeywordIndex.of(List.of(promo, optout));
        FlowRoles given = new FlowRoles(Optional.of(promo), Optional.of(optout), Optional.empty());
        assertTrue(given.optin().isEmpty());
        ignores(CONTACT_OPTED_OUT,
                policy.decide(optedOut(), false, "optin", Optional.empty(), Optional.empty(), promoIndex, given));
        ignores(CONTACT_OPTED_OUT,
                policy.decide(optedOut(), false, "yes", Optional.of(waitingRun(promo)), Optional.of(promo),
                promoIndex, given));
    }

    @Test
    void anOptinRunThatRecordedTheOptinNoLongerHearsAnOptedOutContact() {
        // opted in by the flow, then opted out (by the API) while the flow still waits for another answer
        Run run = waitingRun(optin);
        run.optinRecorded(NOW.minusSeconds(60));
        ignores(CONTACT_OPTED_OUT, decide(optedOut(), false, "Ravi", run, optin));
    }

    @Test
    void anOptedOutContactWithoutAnOptinFlowGetsNothing() {
        FlowRoles noOptin = new FlowRoles(Optional.empty(), Optional.of(optout), Optional.empty());
        ignores(CONTACT_OPTED_OUT, decide(optedOut(), false, "optin", null, null, noOptin));
    }

    // 5
    @Test
    void consentKeywordsWinOverAFlowThatIgnoresKeywords() {
        starts(CONSENT_KEYWORD, optout, decide(Fixtures.contact(), false, "STOP", waitingRun(survey), survey));
        starts(CONSENT_KEYWORD, optin, decide(Fixtures.contact(), false, "optin", waitingRun(survey), survey));
    }

    @Test
    void aConsentKeywordRestartsTheRunningConsentFlow() {
        starts(CONSENT_KEYWORD, optout, decide(Fixtures.contact(), false, "opt out", waitingRun(optout), optout));
    }

    @Test
    void consentKeywordsWinOverTheNewContactFlow() {
        starts(CONSENT_KEYWORD, optout, decide(Fixtures.contact(), true, "stop", null, null));
    }

    // 6
    @Test
    void aWaitingFlowThatIgnoresKeywordsGetsOtherKeywords() {
        resumes(FLOW_IGNORES_KEYWORDS, decide(Fixtures.contact(), false, "news", waitingRun(survey), survey));
        resumes(FLOW_IGNORES_KEYWORDS, decide(Fixtures.contact(), true, "hello", waitingRun(survey), survey));
    }

    // 7
    @Test
    void aNewContactStartsTheNewContactFlow() {
        starts(NEW_CONTACT, welcome, decide(Fixtures.contact(), true, "hello", null, null));
        starts(NEW_CONTACT, welcome, decide(Fixtures.contact(), true, "news", null, null)); // 7 comes before 8
    }

    @Test
    void withoutANewContactFlowTheFirstMessageFallsThrough() {
        FlowRoles noWelcome = new FlowRoles(Optional.of(optin), Optional.of(optout), Optional.empty());
        starts(KEYWORD, news, decide(Fixtures.contact(), true, "news", null, null, noWelcome));
        ignores(NOTHING_TO_DO, decide(Fixtures.contact(), true, "hello", null, null, noWelcome));
    }

    // 8
    @Test
    void aKeywordStartsItsFlowEvenDuringAWaitingRun() {
        starts(KEYWORD, news, decide(Fixtures.contact(), false, " News! ", waitingRun(chat), chat));
        starts(KEYWORD, news, decide(Fixtures.contact(), false, "news", null, null));
    }

    @Test
    void withoutRolesAnOptinKeywordIsAnOrdinaryKeyword() {
        starts(KEYWORD, optin, decide(Fixtures.contact(), false, "optin", waitingRun(chat), chat, FlowRoles.none()));
        resumes(FLOW_IGNORES_KEYWORDS,
                decide(Fixtures.contact(), false, "stop", waitingRun(survey), survey, FlowRoles.none()));
    }

    // 9
    @Test
    void aReplyResumesTheWaitingRun() {
        resumes(REPLY, decide(Fixtures.contact(), false, "yes", waitingRun(chat), chat));
        resumes(REPLY, decide(Fixtures.contact(), false, "yes", waitingRun(chat), null)); // engine: flow_deleted
    }

    // 10
    @Test
    void otherwiseNothingRuns() {
        ignores(NOTHING_TO_DO, decide(Fixtures.contact(), false, "hello", null, null));
        ignores(NOTHING_TO_DO, decide(Fixtures.contact(), false, "hello", busyRun(chat), chat));
        ignores(NOTHING_TO_DO, decide(Fixtures.contact(), false, "", null, null));
    }

    /** A run paused after a webhook, a wait_for_result or a wait_for_time waits for no reply. */
    private static Run pausedRun(Flow flow) {
        Run r = Run.start(UUID.randomUUID(), flow.uuid(), PHONE, null, NOW);
        r.pauseAt("n1", "a1", NOW, NOW.plusSeconds(60), NOW.plusSeconds(3600));
        return r;
    }

    @Test
    void aMessageWhileARunIsPausedIsHandledAsIfNoRunWaited() {
        ignores(NOTHING_TO_DO, decide(Fixtures.contact(), false, "yes", pausedRun(chat), chat));
        ignores(NOTHING_TO_DO, decide(Fixtures.contact(), false, "yes", pausedRun(survey), survey)); // step 6 too
        starts(KEYWORD, news, decide(Fixtures.contact(), false, "news", pausedRun(chat), chat));
        starts(KEYWORD, news, decide(Fixtures.contact(), false, "news", pausedRun(survey), survey));
    }
}
