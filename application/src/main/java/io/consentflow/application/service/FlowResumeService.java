package io.consentflow.application.service;

import io.consentflow.application.port.in.ResumeFlowUseCase;
import io.consentflow.application.port.out.Changes;
import io.consentflow.application.port.out.Conversations;
import io.consentflow.application.port.out.Runs;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.engine.Resume;
import io.consentflow.domain.flow.webhook.WebhookOutcome;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A result posted for a run paused at {@code wait_for_result}: the run continues with it in one transaction under
 * its contact's lock. A run not paused there (it went on already, its delay passed, a keyword started another
 * flow) is left as it is: a second post has no second effect.
 */
public final class FlowResumeService implements ResumeFlowUseCase {
    private final Runs runs;
    private final Conversations conversations;
    private final PausedRuns paused;

    public FlowResumeService(Runs runs, Conversations conversations, FlowCatalog catalog, EngineFactory engines,
                             Clock clock) {
        this.runs = runs;
        this.conversations = conversations;
        this.paused = new PausedRuns(catalog, engines, clock);
    }

    @Override
    public Outcome resume(UUID runId, String json, Map<String, String> fields) {
        Optional<Phone> phone = runs.phoneOf(runId);
        if (phone.isEmpty()) return Outcome.UNKNOWN_RUN;
        WebhookOutcome posted = WebhookOutcome.success(200, json, fields);
        return conversations.existing(phone.get(), conversation -> {
            Changes changes = paused.resume(conversation, runId, new Resume.ResultPosted(posted));
            return changes == null ? new Conversations.Turn<>(Changes.none(), Outcome.NOT_WAITING)
                    : new Conversations.Turn<>(changes, Outcome.RESUMED);
        }).orElse(Outcome.UNKNOWN_RUN);
    }
}
