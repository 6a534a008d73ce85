package io.consentflow.domain.flow.action;

import io.consentflow.domain.flow.run.RunResult;

/**
 * Sets the contact's language from a code or a name ({@link io.consentflow.domain.contact.Language#find}). A blank
 * value changes nothing; a value that names no language leaves the language as it was and is saved on the run as
 * the result {@value #UNKNOWN_LANGUAGE} (the value as rendered), so the flow can route on it and staff can see it.
 */
public record SetContactLanguage(String uuid, String language) implements Action {
    /** The result that records a language nobody knows, as goflow logs an error event and goes on. */
    public static final String UNKNOWN_LANGUAGE = "unknown_language";

    @Override
    public boolean execute(Step step) {
        String named = step.render(language);
        if (named.isBlank() || step.contact().changeLanguage(named)) return true;
        step.run().saveResult(new RunResult(UNKNOWN_LANGUAGE, named.strip(), null, named, step.run().nodeUuid(),
                step.now()));
        return true;
    }
}
