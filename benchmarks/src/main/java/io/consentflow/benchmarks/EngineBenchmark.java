package io.consentflow.benchmarks;

import io.consentflow.domain.consent.ConsentState;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.flow.Exit;
import io.consentflow.domain.flow.Flow;
import io.consentflow.domain.flow.Node;
import io.consentflow.domain.flow.action.Action;
import io.consentflow.domain.flow.action.AddContactGroups;
import io.consentflow.domain.flow.action.SendInteractiveMsg;
import io.consentflow.domain.flow.action.SendMsg;
import io.consentflow.domain.flow.action.SetContactField;
import io.consentflow.domain.engine.FlowEngine;
import io.consentflow.domain.engine.Resume;
import io.consentflow.domain.engine.Session;
import io.consentflow.domain.engine.Sprint;
import io.consentflow.domain.engine.Trigger;
import io.consentflow.domain.flow.router.Case;
import io.consentflow.domain.flow.router.WordTest;
import io.consentflow.domain.flow.router.Category;
import io.consentflow.domain.flow.router.Router;
import io.consentflow.domain.flow.router.Wait;
import io.consentflow.domain.flow.run.Run;
import io.consentflow.domain.flow.run.RunStatus;
import io.consentflow.domain.keyword.Keyword;
import io.consentflow.domain.flow.KeywordIndex;
import io.consentflow.domain.message.InboundMessage;
import io.consentflow.domain.message.Interactive;
import io.consentflow.domain.message.MessageType;
import io.consentflow.domain.policy.FlowRoles;
import io.consentflow.domain.policy.InboundDecision;
import io.consentflow.domain.policy.InboundPolicy;
import io.consentflow.domain.policy.SendPolicy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The engine's in-memory rate: one opt-in conversation is two inbound messages ("optin", then "👍"), each
 * decided by the InboundPolicy and run by the FlowEngine (start: interactive question queued, run waits;
 * resume: opt-in recorded, thank-you queued, run completed). Reported as inbound messages per second.
 * No I/O: this bounds what the domain costs per message, not what the service sustains.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EngineBenchmark {
    private static final String OPTIN = "3c9d5e7a-2b1f-4e8d-9a6c-5f4e3d2c1b0a";
    private static final Phone PHONE = new Phone("919917443994");
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(20);

    private final InboundPolicy inboundPolicy = new InboundPolicy();
    private Flow optin;
    private KeywordIndex keywords;
    private FlowRoles roles;
    private FlowEngine engine;
    private InboundMessage keyword;
    private InboundMessage thumbsUp;
    private long nextId;

    @Setup
    public void setUp() {
        optin = optinFlow();
        keywords = KeywordIndex.of(List.of(optin));
        roles = new FlowRoles(Optional.of(optin), Optional.empty(), Optional.empty());
        // counter ids: UUID.randomUUID() would measure SecureRandom, not the engine
        Flow only = optin;
        engine = new FlowEngine(uuid -> uuid.equals(OPTIN) ? Optional.of(only) : Optional.empty(), new SendPolicy(),
                () -> new UUID(7, nextId++), new SplittableRandom(7));
        keyword = new InboundMessage("gupshup", "p1", PHONE, "Asha", MessageType.TEXT, "optin", T0);
        thumbsUp = new InboundMessage("gupshup", "p2", PHONE, "Asha", MessageType.QUICK_REPLY, "👍", T1);
        Contact check = Contact.newContact(PHONE, "Asha", T0);
        conversation(check);
        if (check.consent().state() != ConsentState.OPTED_IN) throw new IllegalStateException("fixture did not opt in");
    }

    @Benchmark
    @OperationsPerInvocation(2)
    public void optinConversation(Blackhole bh) {
        Contact contact = Contact.newContact(PHONE, "Asha", T0);
        Sprint[] sprints = conversation(contact);
        bh.consume(sprints[0]);
        bh.consume(sprints[1]);
        bh.consume(contact);
    }

    /** "optin" then "👍": decide, start, decide, resume. Returns both sprints. */
    private Sprint[] conversation(Contact contact) {
        contact.receivedInbound(T0, "Asha");
        InboundDecision first = inboundPolicy.decide(contact, true, keyword.text(), Optional.empty(),
                Optional.empty(), keywords, roles);
        Flow flow = ((InboundDecision.StartFlow) first).flow();
        Sprint asked = engine.start(flow, new Session(contact, List.of(), OPTIN),
                new Trigger(keyword, new UUID(1, nextId++)), T0);
        Run run = asked.runs().get(0);

        contact.receivedInbound(T1, "Asha");
        InboundDecision second = inboundPolicy.decide(contact, false, thumbsUp.text(), Optional.of(run),
                Optional.of(flow), keywords, roles);
        if (!(second instanceof InboundDecision.ResumeRun)) throw new IllegalStateException(second.toString());
        Sprint answered = engine.resume(new Session(contact, List.of(run), OPTIN),
                new Resume.Reply(thumbsUp, new UUID(1, nextId++)), T1);
        if (run.status() != RunStatus.COMPLETED) throw new IllegalStateException("run did not complete");
        return new Sprint[] {asked, answered};
    }

    /** An opt-in flow like Glific's: ask 👍/👎, wait (5 min), then group, consent, thanks. */
    private static Flow optinFlow() {
        Interactive question = new Interactive(Interactive.Kind.QUICK_REPLY, "Stay in touch",
                "Hello @contact.name! May we send you updates? Press 👍 to agree or 👎 to decline.",
                List.of("👍", "👎"), null, List.of());
        Router router = new Router(Router.Kind.SWITCH, "@input.text",
                List.of(new Case("k1", new WordTest(WordTest.Mode.ANY, "👍"), "c-yes"),
                        new Case("k2", new WordTest(WordTest.Mode.ANY, "👎"), "c-no")),
                List.of(new Category("c-yes", "optin", "e-yes"), new Category("c-no", "status quo", "e-no"),
                        new Category("c-other", "Other", "e-other"), new Category("c-none", "No Response", "e-none")),
                "c-other", new Wait(300, "c-none"), "optin");
        return new Flow(OPTIN, "Opt-in", List.of(
                node("ask", "wait", new SendInteractiveMsg("a1", "question", question)),
                new Node("wait", List.of(), router, List.of(new Exit("e-yes", "group"), new Exit("e-no", "declined"),
                        new Exit("e-other", "ask"), new Exit("e-none", "ask"))),
                node("group", "consent", new AddContactGroups("a2", List.of("Opted in"))),
                node("consent", "thanks", new SetContactField("a3", "settings", "Consent status", "optin")),
                node("thanks", null, new SendMsg("a4", "Thank you @contact.name!", List.of(), List.of())),
                node("declined", null, new SendMsg("a5", "No problem.", List.of(), List.of()))),
                0, List.of(Keyword.of("optin")), true, true);
    }

    private static Node node(String uuid, String destination, Action action) {
        return new Node(uuid, List.of(action), null, List.of(new Exit(uuid + "-exit", destination)));
    }
}
