package io.consentflow.domain.flow.action;

/**
 * Starts a child flow; the parent waits and resumes on {@code @child.run.status} when the child ends. A {@code
 * terminal} one (goflow's) ends the parent as the child starts: nothing resumes after the child.
 */
public record EnterFlow(String uuid, String flowUuid, String flowName, boolean terminal) implements Action {
    public EnterFlow(String uuid, String flowUuid, String flowName) {
        this(uuid, flowUuid, flowName, false);
    }

    @Override
    public boolean execute(Step step) {
        return terminal ? step.enterFlow(flowUuid, true) : step.enterFlow(flowUuid);
    }
}
