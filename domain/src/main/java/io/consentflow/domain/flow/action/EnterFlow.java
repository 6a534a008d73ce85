package io.consentflow.domain.flow.action;

/** Starts a child flow; the parent waits and resumes on {@code @child.run.status} when the child ends. */
public record EnterFlow(String uuid, String flowUuid, String flowName) implements Action {
    @Override
    public boolean execute(Step step) {
        return step.enterFlow(flowUuid);
    }
}
