package io.consentflow.application.service;

import io.consentflow.application.port.in.CallWebhooksUseCase;
import io.consentflow.application.port.out.Changes;
import io.consentflow.application.port.out.Conversations;
import io.consentflow.application.port.out.WebhookCaller;
import io.consentflow.application.port.out.WebhookCalls;
import io.consentflow.domain.engine.Resume;
import io.consentflow.domain.flow.webhook.WebhookCall;
import io.consentflow.domain.flow.webhook.WebhookOutcome;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorCompletionService;

/**
 * The webhook calls of paused runs: claim a batch, make each call outside any transaction (concurrently on
 * {@code calls}), then resume each run with its outcome in a transaction of its own under the contact's lock,
 * marking the call done in that same commit. A crash after the sprint that queued a call still makes the call (it
 * is in the queue); a crash during a call makes it again once the lease runs out (calls are at least once); an
 * outcome is applied at most once (the run is paused for that one call, and the call is done in the commit that
 * resumes it).
 */
public final class WebhookCallService implements CallWebhooksUseCase {
    /** A call claimed this many times without an outcome (its claimers died) takes Failure without another try. */
    static final int MAX_ATTEMPTS = 3;

    private final WebhookCalls queue;
    private final WebhookCaller caller;
    private final Conversations conversations;
    private final PausedRuns paused;
    private final Clock clock;
    private final Executor calls;
    private final Duration lease;

    /**
     * @param lease how long a claim holds a call: longer than a call can take (connecting and answering) plus the
     *              resume, so no second instance makes it while the first still might
     */
    public WebhookCallService(WebhookCalls queue, WebhookCaller caller, Conversations conversations,
                              FlowCatalog catalog, EngineFactory engines, Clock clock, Executor calls, Duration lease) {
        this.queue = queue;
        this.caller = caller;
        this.conversations = conversations;
        this.paused = new PausedRuns(catalog, engines, clock);
        this.clock = clock;
        this.calls = calls;
        this.lease = lease;
    }

    @Override
    public int callOnce(int limit) {
        List<WebhookCalls.Claimed> claimed = queue.claim(clock.instant(), lease, limit);
        if (claimed.isEmpty()) return 0;
        CompletionService<Answered> answers = new ExecutorCompletionService<>(calls);
        for (WebhookCalls.Claimed c : claimed) {
            answers.submit(() -> new Answered(c.call(), c.attempts() > MAX_ATTEMPTS
                    ? WebhookOutcome.failed(0, "gave_up") : caller.call(c.call().request(), c.call().runId())));
        }
        RuntimeException failed = null;
        for (int i = 0; i < claimed.size(); i++) {
            try {
                Answered a = answers.take().get();
                resume(a.call(), a.outcome());
            } catch (InterruptedException e) {
                // the calls not resumed stay claimed until their lease runs out, then are made again
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException e) {
                failed = new IllegalStateException("a webhook call failed unexpectedly", e.getCause());
            } catch (RuntimeException e) {
                // e.g. the database went away: the call's lease runs out and it is made again
                failed = e;
            }
        }
        if (failed != null) throw failed;
        return claimed.size();
    }

    /** Resumes the call's run with its outcome and marks the call done, in one transaction. */
    private void resume(WebhookCall call, WebhookOutcome outcome) {
        boolean contactExists = conversations.existing(call.phone(), conversation -> {
            Changes resumed = paused.resume(conversation, call.runId(),
                    new Resume.CallAnswered(call.id(), outcome));
            Changes changes = resumed == null ? Changes.none() : resumed;
            return new Conversations.Turn<>(changes.withCallDone(call.id()), true);
        }).isPresent();
        if (!contactExists) conversations.save(Changes.none().withCallDone(call.id()));
    }

    private record Answered(WebhookCall call, WebhookOutcome outcome) {
    }
}
