package io.consentflow.domain.flow.action;

import java.util.List;

/** Labels the triggering message; recorded on the run only. */
public record AddInputLabels(String uuid, List<String> labels) implements Action {
    public AddInputLabels {
        labels = List.copyOf(labels);
    }

    /** Labels belong to the inbound message, which the application records: nothing to do in the flow. */
    @Override
    public boolean execute(Step step) {
        return true;
    }
}
