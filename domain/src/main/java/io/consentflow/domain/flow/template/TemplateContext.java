package io.consentflow.domain.flow.template;

import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.flow.run.RunResult;

import java.util.Map;

/**
 * What an {@code @}-expression can see: the contact, the current run's results (keyed by
 * {@link RunResult#key}), the input text and, after a child flow ended, its status. Any of them may be null.
 */
public record TemplateContext(Contact contact, Map<String, RunResult> results, String input, String childStatus) {
    public TemplateContext {
        results = results == null ? Map.of() : results;
    }
}
