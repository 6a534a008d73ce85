package io.consentflow.domain.engine;

import io.consentflow.domain.flow.run.Run;
import io.consentflow.domain.message.OutboundMessage;

import java.util.List;

/**
 * What one engine call did: every run it created or changed (to be saved; ended ones included) and the outbound
 * messages it produced, in order, each either {@code QUEUED} (allowed by the send policy) or {@code REFUSED}
 * with its reason. Changes to the contact (fields, name, language, groups, consent) are made on the
 * session's {@code Contact} object itself.
 */
public record Sprint(List<Run> runs, List<OutboundMessage> messages) {
    public Sprint {
        runs = List.copyOf(runs);
        messages = List.copyOf(messages);
    }
}
