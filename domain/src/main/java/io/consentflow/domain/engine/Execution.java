package io.consentflow.domain.engine;

import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.RecentFlowTexts;
import io.consentflow.domain.flow.Exit;
import io.consentflow.domain.flow.Flow;
import io.consentflow.domain.flow.Localization;
import io.consentflow.domain.flow.Node;
import io.consentflow.domain.flow.action.Action;
import io.consentflow.domain.flow.action.Pausing;
import io.consentflow.domain.flow.action.Step;
import io.consentflow.domain.flow.effect.Effect;
import io.consentflow.domain.flow.router.CaseInput;
import io.consentflow.domain.flow.router.Router;
import io.consentflow.domain.flow.router.Wait;
import io.consentflow.domain.flow.run.EndReason;
import io.consentflow.domain.flow.run.RunError;
import io.consentflow.domain.flow.run.Run;
import io.consentflow.domain.flow.run.RunResult;
import io.consentflow.domain.flow.run.RunStatus;
import io.consentflow.domain.flow.expression.Template;
import io.consentflow.domain.flow.template.TemplateContext;
import io.consentflow.domain.flow.template.Templates;
import io.consentflow.domain.flow.webhook.WebhookCall;
import io.consentflow.domain.flow.webhook.WebhookOutcome;
import io.consentflow.domain.flow.webhook.WebhookRequest;
import io.consentflow.domain.message.MessageType;
import io.consentflow.domain.message.OutboundContent;
import io.consentflow.domain.message.OutboundMessage;
import io.consentflow.domain.message.RefusalReason;
import io.consentflow.domain.policy.SendDecision;
import io.consentflow.domain.policy.SendPolicy;

import io.consentflow.domain.template.TemplateBook;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * One sprint in progress: the run stack (current run on top, its suspended parents below), the runs changed and
 * the messages produced so far. Single use, single thread; {@link FlowEngine} makes one per call.
 * <p>
 * Failure (a refused send, a missing child flow, the step limit) ends the current run and all its parents
 * {@code FAILED} with the same reason: a parent continuing after a failed child would most likely hit the same
 * refusal, and goflow fails the whole session likewise. Expiry and completion resume the parent, which routes on
 * {@code @child.run.status}.
 */
final class Execution implements Step {
    /** goflow's guard against flows that loop without waiting. */
    static final int STEP_LIMIT = 100;

    private final FlowLookup flows;
    private final SendPolicy sendPolicy;
    private final Supplier<UUID> ids;
    private final RandomGenerator random;
    private final Supplier<TemplateBook> templates;
    private final Session session;
    private final Instant now;
    private final String evidence;
    /** {@code @input}: the message's text, or what ended a pause ({@code Success}/{@code Failure}). */
    private String input;
    private final MessageType inputType;

    private final Deque<Frame> stack = new ArrayDeque<>();
    private final Map<UUID, Run> changed = new LinkedHashMap<>();
    private final List<OutboundMessage> messages = new ArrayList<>();
    private final List<Effect> effects = new ArrayList<>();
    private final List<WebhookCall> calls = new ArrayList<>();
    private String childStatus;
    private Run endedChild;
    private Flow pendingChild;
    private boolean pendingChildTerminal;
    private boolean startedByMessage;
    private Pause pendingPause;
    private int steps;

    Execution(FlowLookup flows, SendPolicy sendPolicy, Supplier<UUID> ids, RandomGenerator random,
              Supplier<TemplateBook> templates, Session session, Instant now, String evidence, String input,
              MessageType inputType) {
        this.templates = templates;
        this.flows = flows;
        this.sendPolicy = sendPolicy;
        this.ids = ids;
        this.random = random;
        this.session = session;
        this.now = now;
        this.evidence = evidence;
        this.input = input;
        this.inputType = inputType;
    }

    Sprint sprint() {
        return new Sprint(new ArrayList<>(changed.values()), messages, effects, calls);
    }

    /**
     * The sprint starts a flow because of an inbound message: if the flow begins with a wait, that message is its
     * first input (goflow skips a message wait that is the first thing to happen in a session a message started).
     */
    void startedByMessage() {
        startedByMessage = inputType != null;
    }

    // ---- the run stack --------------------------------------------------------------------------------------

    /** Puts a run on top of the stack (the new current run). A null flow is looked up when needed. */
    void push(Run run, Flow flow) {
        stack.push(new Frame(run, flow));
        touched(run);
    }

    /** Puts a suspended parent below the runs already on the stack. */
    void pushParent(Run parent) {
        stack.addLast(new Frame(parent, null));
    }

    void touched(Run run) {
        changed.putIfAbsent(run.id(), run);
    }

    @Override
    public TemplateBook templates() {
        return templates.get();
    }

    @Override
    public Run run() {
        return stack.element().run();
    }

    // ---- moving through nodes -------------------------------------------------------------------------------

    /** Visits {@code node} and everything after it until a wait, a failure or the end of the stack. */
    void runFrom(Node node) {
        runFrom(node, 0);
    }

    /** As {@link #runFrom(Node)}, the first node from its action {@code firstAction} on. */
    private void runFrom(Node node, int firstAction) {
        Node next = node == null ? null : visit(node, firstAction);
        while (next != null) next = visit(next, 0);
    }

    /**
     * The current run, paused at {@code node} after {@code action}, continues: the action takes {@code outcome}
     * (null: its delay passed), then the node's remaining actions run and its router routes, seeing as
     * {@code @input} what the action returned ({@code Success}/{@code Failure}), as Glific hands it to its routers.
     */
    void resumePaused(Node node, Pausing action, WebhookOutcome outcome) {
        if (!countStep()) return;
        run().resumed(now);
        String routed = action.resume(this, outcome);
        if (routed != null) input = routed;
        runFrom(node, node.actions().indexOf(action) + 1);
    }

    /** A reply woke the current run at {@code node}: route on it and continue. */
    void resumeWithReply(Node node) {
        if (!countStep()) return;
        runFrom(leave(node, route(node)));
    }

    /** The wait at {@code node} timed out: take its timeout category and continue. */
    void resumeWithTimeout(Node node) {
        if (!countStep()) return;
        Routing.Route r = Routing.timeout(node.router());
        saveResult(node, r);
        runFrom(leave(node, exitOf(node, r)));
    }

    /** The current run expired: end it and let its parent route on "expired". */
    void expire() {
        runFrom(end(RunStatus.EXPIRED, null));
    }

    /** Ends every run on the stack FAILED with {@code reason}. */
    void fail(EndReason reason) {
        endAll(RunStatus.FAILED, reason);
    }

    /** Ends every run on the stack INTERRUPTED with {@code reason} (a loop, a flow deactivated or deleted). */
    void interrupt(EndReason reason) {
        endAll(RunStatus.INTERRUPTED, reason);
    }

    private void endAll(RunStatus how, EndReason reason) {
        while (!stack.isEmpty()) {
            Run r = stack.pop().run();
            r.end(how, reason, now);
            touched(r);
        }
    }

    /**
     * Runs the actions from {@code firstAction} on, then waits, enters a child, or routes to the next node; null
     * when the sprint stops (an action may pause the run: the rest of the node runs when it resumes).
     */
    private Node visit(Node node, int firstAction) {
        if (!countStep()) return null;
        Run run = run();
        run.at(node.uuid(), now);
        List<Action> actions = node.actions();
        for (int i = firstAction; i < actions.size(); i++) {
            if (!actions.get(i).execute(this)) return null;
            if (pendingPause != null) {
                pause(node);
                return null;
            }
        }
        if (pendingChild != null) return startChild(node);
        Router router = node.router();
        if (router != null && router.waits() && !firstWaitTakesTrigger(node)) {
            Wait wait = router.waitFor();
            Instant timeoutAt = timeoutAt(wait);
            run.waitAt(node.uuid(), now, timeoutAt, now.plus(Duration.ofMinutes(flow().expireAfterMinutes())));
            return null;
        }
        return leave(node, route(node));
    }

    /**
     * goflow's rule: a flow that begins with a wait (its first node only waits: no actions) in a sprint a message
     * started does not wait there; its router takes that message. Once only, and only for the run the message
     * started (not a child it enters).
     */
    private boolean firstWaitTakesTrigger(Node node) {
        boolean first = startedByMessage && steps == 1 && stack.size() == 1 && node.actions().isEmpty();
        startedByMessage = false;
        return first;
    }

    /**
     * When the wait times out: its seconds, or the number its {@code timeout.expression} gives now (Glific's
     * dynamic wait). An expression that gives no positive whole number leaves the wait without a timeout, as in
     * Glific, and the run keeps why.
     */
    private Instant timeoutAt(Wait wait) {
        if (!wait.hasTimeout()) return null;
        if (!wait.timeoutIsExpression()) return wait.timeoutSeconds() == null ? null : now.plusSeconds(wait.timeoutSeconds());
        String seconds = render(wait.timeoutExpression()).strip();
        try {
            long n = Long.parseLong(seconds);
            if (n > 0) return now.plusSeconds(n);
        } catch (NumberFormatException e) {
            // said below, on the run
        }
        if (!seconds.isEmpty() || wait.timeoutSeconds() == null) {
            recordError(RunError.BAD_TIMEOUT, "timeout " + wait.timeoutExpression() + " gave '" + seconds
                    + "', not a number of seconds: no timeout");
        }
        return null;
    }

    /**
     * Pauses the current run after the action that asked: until its delay (a delay longer than the flow's expiry
     * moves the expiry past it) or, for a webhook, until the call queued here is answered.
     */
    private void pause(Node node) {
        Pause p = pendingPause;
        pendingPause = null;
        Run run = run();
        Duration expiry = Duration.ofMinutes(flow().expireAfterMinutes());
        Instant timeoutAt = p.seconds() == null ? null : now.plusSeconds(p.seconds());
        Instant expiresAt = now.plus(expiry);
        if (timeoutAt != null && !timeoutAt.isBefore(expiresAt)) expiresAt = timeoutAt.plus(expiry);
        if (p.call() == null) {
            run.pauseAt(node.uuid(), p.action(), now, timeoutAt, expiresAt);
            return;
        }
        UUID callId = ids.get();
        run.pauseForCall(node.uuid(), p.action(), callId, now, expiresAt);
        calls.add(new WebhookCall(callId, run.id(), run.phone(), p.action(), p.call(), now));
    }

    /** An action's request to pause the run after it. */
    private record Pause(String action, Long seconds, WebhookRequest call) {
    }

    private boolean countStep() {
        if (++steps <= STEP_LIMIT) return true;
        fail(EndReason.Because.LOOP_DETECTED);
        return false;
    }

    /** The exit chosen by the node's router, or its single exit. */
    private Exit route(Node node) {
        Router router = node.router();
        if (router == null) return node.exits().get(0);
        Routing.Route r = Routing.evaluate(router, caseInput(router.operand()), random,
                c -> translation(c.uuid(), Localization.Arguments.class).map(Localization.Arguments::test)
                        .orElse(c.test()));
        saveResult(node, r);
        return exitOf(node, r);
    }

    /**
     * The operand as the router's cases see it: rendered, with the result it names (a name the run has no result
     * for is an evaluation error, as in goflow), the kind of message this sprint handles, the contact and the time.
     */
    private CaseInput caseInput(String operand) {
        if (operand == null || operand.indexOf('@') < 0) {
            return new CaseInput(operand, inputType, null, null, contact(), now);
        }
        Templates.Operand o = Templates.operand(operand, context());
        if (o.error() != null) {
            recordError(RunError.EXPRESSION_FAILED, o.error().startsWith("error evaluating ") ? o.error()
                    : "error evaluating " + operand.strip() + ": " + o.error());
        }
        return new CaseInput(o.text(), inputType, o.error(), o.result(), contact(), now);
    }

    private void saveResult(Node node, Routing.Route r) {
        String name = node.router().resultName();
        if (name == null || name.isBlank()) return;
        run().saveResult(new RunResult(name, r.value(), r.category().name(), r.input(), node.uuid(), now));
    }

    private static Exit exitOf(Node node, Routing.Route r) {
        return node.exit(r.category().exitUuid()).orElseThrow(() ->
                new IllegalStateException("node " + node.uuid() + " has no exit " + r.category().exitUuid()));
    }

    /** Follows {@code exit}: its destination, or the end of the current run (then its parent continues). */
    private Node leave(Node from, Exit exit) {
        if (exit.destination() == null) return end(RunStatus.COMPLETED, null);
        return flow().node(exit.destination()).orElseThrow(() ->
                new IllegalStateException("node " + from.uuid() + " exits to missing node " + exit.destination()));
    }

    /**
     * Ends the current run; if it has a parent, reactivates it and routes its enter_flow node on the child's
     * status. Returns the parent's next node, or null.
     */
    private Node end(RunStatus how, EndReason reason) {
        Run child = stack.pop().run();
        child.end(how, reason, now);
        touched(child);
        if (stack.isEmpty()) return null;
        endedChild = child;
        Frame parentFrame = resolved(stack.pop());
        if (parentFrame == null) return null;
        stack.push(parentFrame);
        Run parent = parentFrame.run();
        Node node = parentFrame.flow().node(parent.nodeUuid()).orElse(null);
        if (node == null) {
            fail(new EndReason.MissingNode(parent.nodeUuid()));
            return null;
        }
        parent.reactivate(now);
        touched(parent);
        childStatus = how.wire();
        return leave(node, route(node));
    }

    /** The frame with its flow looked up; a parent whose flow is gone or inactive interrupts the stack (null). */
    private Frame resolved(Frame frame) {
        if (frame.flow() != null) return frame;
        Flow flow = flows.flow(frame.run().flowUuid()).orElse(null);
        if (flow == null || !flow.active()) {
            stack.push(frame);
            interrupt(flow == null ? EndReason.Because.FLOW_DELETED : EndReason.Because.FLOW_DEACTIVATED);
            return null;
        }
        return new Frame(frame.run(), flow);
    }

    private Node startChild(Node node) {
        Flow child = pendingChild;
        boolean terminal = pendingChildTerminal;
        pendingChild = null;
        pendingChildTerminal = false;
        Run parent = run();
        if (terminal) {
            // goflow: a terminal child replaces the runs below it, which end completed and never resume
            endAll(RunStatus.COMPLETED, null);
        } else {
            parent.suspendFor(node.uuid(), now, now.plus(Duration.ofMinutes(flow().expireAfterMinutes())));
        }
        push(Run.start(ids.get(), child.uuid(), parent.phone(), parent.id(), now), child);
        return child.startNode();
    }

    private Flow flow() {
        return stack.element().flow();
    }

    // ---- what actions use (Step) ----------------------------------------------------------------------------

    @Override
    public Contact contact() {
        return session.contact();
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public String evidence() {
        return evidence;
    }

    @Override
    public String input() {
        return input;
    }

    /** The contact's language picks the translation, looked up in the flow whose node is running. */
    @Override
    public <T extends Localization.Translation> Optional<T> translation(String uuid, Class<T> kind) {
        Flow flow = stack.isEmpty() ? null : flow();
        if (flow == null || flow.localization().isEmpty()) return Optional.empty();
        return contact().knownLanguage().flatMap(language -> flow.localization().find(language, uuid, kind));
    }

    /** Rendered; each expression that failed is kept on the run (goflow's error event) and renders as nothing. */
    @Override
    public String render(String text) {
        if (text == null || text.indexOf('@') < 0) return text == null ? "" : text;
        Template.Rendered rendered = Templates.evaluate(text, context());
        for (String error : rendered.errors()) recordError(RunError.EXPRESSION_FAILED, error);
        return rendered.text();
    }

    @Override
    public String renderOrNull(String text) {
        return text == null ? null : render(text);
    }

    private TemplateContext context() {
        Run run = run();
        Run parent = null;
        if (stack.size() > 1) {
            java.util.Iterator<Frame> frames = stack.iterator();
            frames.next();
            parent = frames.next().run();
        }
        return new TemplateContext(contact(), run.results(), input, childStatus, info(run, flow()),
                parent == null ? null : info(parent, null), childStatus == null || endedChild == null ? null
                : info(endedChild, null), session.globals(), run.webhook(), now, random);
    }

    /** A run as expressions see it; a flow's name only when its flow is at hand. */
    private TemplateContext.RunInfo info(Run run, Flow flow) {
        Flow f = flow != null ? flow : flows.flow(run.flowUuid()).orElse(null);
        return new TemplateContext.RunInfo(run.id().toString(), run.status().wire(), run.flowUuid(),
                f == null ? null : f.name(), run.results(), run.startedAt(), run.endedAt());
    }

    /**
     * Records an outbound message through the send policy; a refusal fails the run (false). A text the contact
     * got from flows {@value RecentFlowTexts#LIMIT} times within six hours is a loop: the run and its parents end
     * {@code INTERRUPTED} ({@code loop_detected}) and the copy is not even recorded (false). A message with no
     * text, media or template is not recorded either: the run keeps the error ({@code empty_message}) and goes on.
     */
    @Override
    public boolean send(MessageType type, String text, OutboundContent content) {
        Run run = run();
        if (content.empty()) {
            // goflow logs an error event and goes on; a blank bubble is never worth ending the conversation over
            recordError(RunError.EMPTY_MESSAGE, "a " + type.wire() + " message rendered empty: not sent");
            return true;
        }
        // a media message is known by its URL too: captionless pictures are not all the same message
        String loopKey = content instanceof OutboundContent.MediaContent m ? m.media().url() + "\n" + text : text;
        if (contact().flowTextWouldLoop(loopKey, now)) {
            interrupt(EndReason.Because.LOOP_DETECTED);
            return false;
        }
        // The opt-in flow's exception lasts until the run records the opt-in: after that it is an ordinary flow.
        boolean fromOptinFlow = Objects.equals(session.optinFlowUuid(), run.flowUuid())
                && run.optinRecordedAt() == null;
        SendDecision decision = sendPolicy.decide(contact(), content, fromOptinFlow, now);
        RefusalReason refusal = decision instanceof SendDecision.Refused refused ? refused.reason() : null;
        messages.add(OutboundMessage.queued(ids.get(), contact().phone(), type, text, content, run.flowUuid(),
                run.id(), fromOptinFlow, now, refusal));
        if (refusal == null) {
            contact().flowTextSent(loopKey, now);
            return true;
        }
        fail(new EndReason.SendRefused(refusal.code()));
        return false;
    }

    @Override
    public void recordError(String code, String detail) {
        Run run = run();
        run.recordError(new RunError(code, detail, run.nodeUuid(), now));
    }

    @Override
    public void awaitCall(String actionUuid, WebhookRequest call) {
        pendingPause = new Pause(actionUuid, null, Objects.requireNonNull(call, "call"));
    }

    @Override
    public void awaitDelay(String actionUuid, Long seconds) {
        pendingPause = new Pause(actionUuid, seconds, null);
    }

    /**
     * enter_flow: the child starts once the node's actions are done; a missing child flow fails the run. A child
     * that staff switched off ends the run and its parents {@code flow_deactivated}, as its waiting runs were ended
     * when it was switched off: nothing is sent on behalf of a flow that is off.
     */
    @Override
    public boolean enterFlow(String flowUuid) {
        return enterFlow(flowUuid, false);
    }

    @Override
    public boolean enterFlow(String flowUuid, boolean terminal) {
        Flow child = flows.flow(flowUuid).orElse(null);
        if (child == null) {
            fail(new EndReason.MissingChildFlow(flowUuid));
            return false;
        }
        if (!child.active()) {
            interrupt(EndReason.Because.FLOW_DEACTIVATED);
            return false;
        }
        pendingChild = child;
        pendingChildTerminal = terminal;
        return true;
    }

    @Override
    public UUID newId() {
        return ids.get();
    }

    @Override
    public void effect(Effect effect) {
        effects.add(Objects.requireNonNull(effect, "effect"));
    }
}
