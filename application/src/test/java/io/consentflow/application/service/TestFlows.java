package io.consentflow.application.service;

import io.consentflow.domain.flow.Exit;
import io.consentflow.domain.flow.Flow;
import io.consentflow.domain.flow.Node;
import io.consentflow.domain.flow.action.SendMsg;
import io.consentflow.domain.flow.action.SetContactField;
import io.consentflow.domain.flow.router.Case;
import io.consentflow.domain.flow.router.CaseTest;
import io.consentflow.domain.flow.router.Category;
import io.consentflow.domain.flow.router.Router;
import io.consentflow.domain.flow.router.Wait;
import io.consentflow.domain.keyword.Keyword;

import java.util.List;
import java.util.UUID;

/** Small flows built in code: ask, wait for "yes" (timeout after a minute), then set consent and thank. */
final class TestFlows {
    private TestFlows() {
    }

    static Flow consentFlow(String uuid, String settingsValue, String... keywords) {
        String ask = UUID.randomUUID().toString();
        String wait = UUID.randomUUID().toString();
        String done = UUID.randomUUID().toString();
        String toWait = UUID.randomUUID().toString();
        String yesExit = UUID.randomUUID().toString();
        String otherExit = UUID.randomUUID().toString();
        String timeoutExit = UUID.randomUUID().toString();
        String yes = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        String noResponse = UUID.randomUUID().toString();
        Router router = new Router(Router.Kind.SWITCH, "@input.text",
                List.of(new Case(UUID.randomUUID().toString(), CaseTest.of("has_any_word", List.of("yes")), yes)),
                List.of(new Category(yes, "Yes", yesExit), new Category(other, "Other", otherExit),
                        new Category(noResponse, "No Response", timeoutExit)),
                other, new Wait(60, noResponse), "answer");
        List<Node> nodes = List.of(
                new Node(ask, List.of(new SendMsg(UUID.randomUUID().toString(), "Question for @contact.name?",
                        List.of(), List.of())), null, List.of(new Exit(toWait, wait))),
                new Node(wait, List.of(), router, List.of(new Exit(yesExit, done), new Exit(otherExit, null),
                        new Exit(timeoutExit, null))),
                new Node(done, List.of(
                        new SetContactField(UUID.randomUUID().toString(), "settings", "Settings", settingsValue),
                        new SendMsg(UUID.randomUUID().toString(), "Done.", List.of(), List.of())),
                        null, List.of(new Exit(UUID.randomUUID().toString(), null))));
        return new Flow(uuid, "flow " + settingsValue, nodes, 0,
                java.util.Arrays.stream(keywords).map(Keyword::of).toList(), true, true);
    }

    /**
     * The shape of Glific's own opt-in flow: the question, a 300 s wait whose "No Response" and "Other" lead back to
     * the question, and on "yes" the opt-in action and a thank-you.
     */
    static Flow glificOptin(String uuid, String... keywords) {
        String ask = UUID.randomUUID().toString();
        String wait = UUID.randomUUID().toString();
        String done = UUID.randomUUID().toString();
        String yesExit = UUID.randomUUID().toString();
        String otherExit = UUID.randomUUID().toString();
        String timeoutExit = UUID.randomUUID().toString();
        String yes = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        String noResponse = UUID.randomUUID().toString();
        Router router = new Router(Router.Kind.SWITCH, "@input.text",
                List.of(new Case(UUID.randomUUID().toString(), CaseTest.of("has_any_word", List.of("yes")), yes)),
                List.of(new Category(yes, "optin", yesExit), new Category(other, "Other", otherExit),
                        new Category(noResponse, "No Response", timeoutExit)),
                other, new Wait(300, noResponse), "optin");
        List<Node> nodes = List.of(
                new Node(ask, List.of(new SendMsg(UUID.randomUUID().toString(), "May we message you? Reply yes.",
                        List.of(), List.of())), null, List.of(new Exit(UUID.randomUUID().toString(), wait))),
                new Node(wait, List.of(), router, List.of(new Exit(yesExit, done), new Exit(otherExit, ask),
                        new Exit(timeoutExit, ask))),
                new Node(done, List.of(
                        new SetContactField(UUID.randomUUID().toString(), "settings", "Consent status", "optin"),
                        new SendMsg(UUID.randomUUID().toString(), "Thank you.", List.of(), List.of())),
                        null, List.of(new Exit(UUID.randomUUID().toString(), null))));
        return new Flow(uuid, "Optin Workflow", nodes, 0,
                java.util.Arrays.stream(keywords).map(Keyword::of).toList(), true, true);
    }

    /** A marketing flow: one message, no opt-in action. */
    static Flow promo(String uuid, String... keywords) {
        return new Flow(uuid, "Promo", List.of(new Node(UUID.randomUUID().toString(),
                List.of(new SendMsg(UUID.randomUUID().toString(), "50% off today!", List.of(), List.of())), null,
                List.of(new Exit(UUID.randomUUID().toString(), null)))), 0,
                java.util.Arrays.stream(keywords).map(Keyword::of).toList(), false, true);
    }
}
