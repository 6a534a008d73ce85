package io.consentflow.adapter.http.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.consentflow.application.port.in.ManageBroadcastsUseCase.BroadcastView;
import io.consentflow.domain.broadcast.Audience;
import io.consentflow.domain.broadcast.Broadcast;
import io.consentflow.domain.broadcast.BroadcastContent;
import io.consentflow.domain.broadcast.BroadcastTally;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A broadcast as the API shows it: what it sends to whom, where it is, and its counts ({@code BroadcastTally}):
 * each recipient in one of queued, sent (of which delivered, of which read), failed, refused by reason, and for
 * a flow broadcast started. A list of phones is shown by its size.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record BroadcastJson(String id, String name, String status, TemplateJson template, String flow, ToJson to,
                     Instant at, Instant createdAt, Instant startedAt, Instant endedAt, long recipients, long queued,
                     long sent, long delivered, long read, long failed, Map<String, Long> refused, Long started) {

    record TemplateJson(String name, List<String> params) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ToJson(Long group, Integer phoneCount) {
    }

    static BroadcastJson of(BroadcastView view) {
        Broadcast b = view.broadcast();
        BroadcastTally t = view.tally();
        TemplateJson template = b.content() instanceof BroadcastContent.TemplateSend s
                ? new TemplateJson(s.name(), s.params()) : null;
        String flow = b.content() instanceof BroadcastContent.FlowStart f ? f.flowUuid() : null;
        ToJson to = b.audience() instanceof Audience.Group g ? new ToJson(g.id(), null)
                : new ToJson(null, ((Audience.Phones) b.audience()).phones().size());
        return new BroadcastJson(b.id().toString(), b.name(), b.status().wire(), template, flow, to, b.at(),
                b.createdAt(), b.startedAt(), b.endedAt(), t.recipients(), t.queued(), t.sent(), t.delivered(),
                t.read(), t.failed(), t.refused(), b.flow() ? t.started() : null);
    }

    /** What creating one answers. */
    record Created(String id, String status) {
    }
}
