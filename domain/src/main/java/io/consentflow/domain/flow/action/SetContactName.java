package io.consentflow.domain.flow.action;

public record SetContactName(String uuid, String name) implements Action {
    @Override
    public boolean execute(Step step) {
        step.contact().rename(step.render(name));
        return true;
    }
}
