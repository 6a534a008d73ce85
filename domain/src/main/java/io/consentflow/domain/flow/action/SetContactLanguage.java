package io.consentflow.domain.flow.action;

public record SetContactLanguage(String uuid, String language) implements Action {
    @Override
    public boolean execute(Step step) {
        step.contact().changeLanguage(step.render(language));
        return true;
    }
}
