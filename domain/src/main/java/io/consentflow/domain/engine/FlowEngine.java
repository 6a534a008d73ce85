package io.consentflow.domain.engine;

import io.consentflow.domain.flow.Flow;
import io.consentflow.domain.flow.Node;
import io.consentflow.domain.flow.action.Action;
import io.consentflow.domain.flow.action.Pausing;
import io.consentflow.domain.flow.router.Router;
import io.consentflow.domain.flow.run.EndReason;
import io.consentflow.domain.flow.run.Run;
import io.consentflow.domain.flow.run.RunStatus;
import io.consentflow.domain.message.InboundMessage;
import io.consentflow.domain.policy.SendPolicy;

import io.consentflow.domain.template.TemplateBook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Runs flows, purely: given a session and a trigger or a resume, it moves runs through nodes until a wait,
 * a child flow's wait, or the end, and returns what changed. No I/O.
 * <p>
 * Nodes run their actions in order, then wait (a router with a wait, when arriving), route, or take their single
 * exit. An exit without destination completes the run; a parent suspended at enter_flow then routes on
 * {@code @child.run.status} ("completed", "expired"). A refused send, a missing child flow or more than
 * {@value Execution#STEP_LIMIT} nodes in one sprint end the run and its parents {@code FAILED} (the last with
 * reason {@code loop_detected}); the same text sent to the contact by flows a fourth time within six
 * hours ends them {@code INTERRUPTED} with that reason instead of sending it (Glific's loop rule). The semantics in
 * words: {@code docs/flows.md}.
 */
public final class FlowEngine {
    private static final Sprint NOTHING = new Sprint(List.of(), List.of());

    private final FlowLookup flows;
    private final SendPolicy sendPolicy;
    private final Supplier<UUID> ids;
    private final RandomGenerator random;
    private final Supplier<TemplateBook> templates;

    /**
     * {@code random} picks the category of RANDOM routers: bootstrap hands in a thread-safe source (the engine is
     * shared), tests a seeded one.
     */
    public FlowEngine(FlowLookup flows, SendPolicy sendPolicy, Supplier<UUID> ids, RandomGenerator random) {
        this(flows, sendPolicy, ids, random, () -> TemplateBook.EMPTY);
    }

    /**
     * @param templates the registered templates a {@code send_msg} with {@code templating} resolves; asked only when
     *                  a flow sends a template
     */
    public FlowEngine(FlowLookup flows, SendPolicy sendPolicy, Supplier<UUID> ids, RandomGenerator random,
                      Supplier<TemplateBook> templates) {
        this.flows = Objects.requireNonNull(flows, "flows");
        this.sendPolicy = Objects.requireNonNull(sendPolicy, "sendPolicy");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.random = Objects.requireNonNull(random, "random");
        this.templates = Objects.requireNonNull(templates, "templates");
    }

    /** Ends the session's unfinished runs as interrupted, then starts {@code flow} at its start node. */
    public Sprint start(Flow flow, Session session, Trigger trigger, Instant now) {
        String evidence = trigger.messageId() == null ? null : trigger.messageId().toString();
        InboundMessage message = trigger.message();
        Execution x = execution(session, now, evidence, message);
        for (Run r : session.runs()) {
            if (r.ended()) continue;
            r.end(RunStatus.INTERRUPTED, null, now);
            x.touched(r);
        }
        x.push(Run.start(ids.get(), flow.uuid(), session.contact().phone(), null, now), flow);
        if (message != null) x.startedByMessage();
        x.runFrom(flow.startNode());
        return x.sprint();
    }

    /**
     * Resumes the session's active run, which must be waiting. A timeout for a node without one changes nothing
     * (empty sprint). A run whose flow was deleted or deactivated ends {@code INTERRUPTED} with its parents
     * ({@code flow_deleted}, {@code flow_deactivated}) and sends nothing; one whose node is gone ends
     * {@code FAILED}.
     */
    public Sprint resume(Session session, Resume resume, Instant now) {
        Run active = session.activeRun().orElseThrow(() -> new IllegalStateException("session has no active run"));
        if (active.status() != RunStatus.ACTIVE || !active.waiting()) {
            throw new IllegalStateException("run " + active.id() + " is not waiting (" + active.status().wire() + ")");
        }
        Optional<Flow> flow = flows.flow(active.flowUuid());
        Optional<Node> node = flow.flatMap(f -> f.node(active.nodeUuid()));
        EndReason gone = flow.isEmpty() ? EndReason.Because.FLOW_DELETED
                : flow.get().active() ? null : EndReason.Because.FLOW_DEACTIVATED;
        Waking waking = new Waking(session, active, flow.orElse(null), node.orElse(null), gone, now);
        Pausing paused = pausedAt(node, active);
        return resume.accept(new Resume.Cases<>() {
            @Override
            public Sprint reply(Resume.Reply reply) {
                if (active.pausedAction() != null) return NOTHING;   // paused runs wait for no reply
                return waking.wake(reply.messageId() == null ? null : reply.messageId().toString(),
                        reply.message(), (x, at) -> {
                            active.resumed(now);
                            x.resumeWithReply(at);
                        });
            }

            @Override
            public Sprint timeout(Resume.Timeout timeout) {
                if (active.pausedAction() != null) {
                    if (gone == null && (paused == null || !paused.takes(Pausing.Answer.DELAY))) return NOTHING;
                    return waking.wake(null, null, (x, at) -> x.resumePaused(at, paused, null));
                }
                if (gone == null && !hasTimeout(node)) return NOTHING;
                return waking.wake(null, null, (x, at) -> {
                    active.resumed(now);
                    x.resumeWithTimeout(at);
                });
            }

            @Override
            public Sprint expiry(Resume.Expiry expiry) {
                return waking.wake(null, null, (x, at) -> x.expire());
            }

            @Override
            public Sprint callAnswered(Resume.CallAnswered answered) {
                if (!answered.callId().equals(active.awaitedCall())) return NOTHING;
                if (gone == null && (paused == null || !paused.takes(Pausing.Answer.CALL))) return NOTHING;
                return waking.wake(null, null, (x, at) -> x.resumePaused(at, paused, answered.outcome()));
            }

            @Override
            public Sprint resultPosted(Resume.ResultPosted posted) {
                if (active.pausedAction() == null) return NOTHING;
                if (gone == null && (paused == null || !paused.takes(Pausing.Answer.POSTED_RESULT))) return NOTHING;
                return waking.wake(null, null, (x, at) -> x.resumePaused(at, paused, posted.outcome()));
            }
        });
    }

    /** A waiting run about to wake, with what was found of its flow and node ({@code gone}: why the flow is not). */
    private final class Waking {
        private final Session session;
        private final Run active;
        private final Flow flow;
        private final Node node;
        private final EndReason gone;
        private final Instant now;

        Waking(Session session, Run active, Flow flow, Node node, EndReason gone, Instant now) {
            this.session = session;
            this.active = active;
            this.flow = flow;
            this.node = node;
            this.gone = gone;
            this.now = now;
        }

        /**
         * Stacks the run on its suspended parents and, unless its flow or node is gone (which ends them), lets
         * {@code then} continue it at its node.
         */
        Sprint wake(String evidence, InboundMessage message, BiConsumer<Execution, Node> then) {
            Execution x = execution(session, now, evidence, message);
            x.push(active, flow);
            for (Run parent : parents(session, active)) x.pushParent(parent);
            if (!cannotContinue(x)) then.accept(x, node);
            return x.sprint();
        }

        /** Ends the stack when the run's flow or node is gone: true when nothing more may happen. */
        boolean cannotContinue(Execution x) {
            if (gone != null) {
                // FlowService ends these runs when the flow changes; this catches a run it could not see (saved by
                // a transaction that began before the change), so nothing more is sent for a flow switched off.
                x.interrupt(gone);
                return true;
            }
            if (node == null) {
                x.fail(new EndReason.MissingNode(active.nodeUuid()));
                return true;
            }
            return false;
        }
    }

    /** {@code message}: what woke the run (its text is {@code @input}, its type what media cases test), or null. */
    private Execution execution(Session session, Instant now, String evidence, InboundMessage message) {
        return new Execution(flows, sendPolicy, ids, random, templates, session, now, evidence,
                message == null ? null : message.text(), message == null ? null : message.type());
    }

    /** The action of {@code node} the run is paused after, if it is one that pauses; null otherwise. */
    private static Pausing pausedAt(Optional<Node> node, Run run) {
        String uuid = run.pausedAction();
        if (uuid == null || node.isEmpty()) return null;
        for (Action a : node.get().actions()) {
            if (a.uuid().equals(uuid) && a instanceof Pausing p) return p;
        }
        return null;
    }

    private static boolean hasTimeout(Optional<Node> node) {
        Router router = node.map(Node::router).orElse(null);
        return router != null && router.waits() && router.waitFor().hasTimeout();
    }

    /** The chain of suspended parents of {@code run}, nearest first, found by parent id in the session. */
    private static List<Run> parents(Session session, Run run) {
        List<Run> chain = new ArrayList<>();
        UUID parentId = run.parentId();
        while (parentId != null) {
            Run parent = null;
            for (Run r : session.runs()) {
                if (r.id().equals(parentId) && r.status() == RunStatus.SUSPENDED && !chain.contains(r)) parent = r;
            }
            if (parent == null) break;
            chain.add(parent);
            parentId = parent.parentId();
        }
        return chain;
    }
}
