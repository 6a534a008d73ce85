package io.consentflow.adapter.http.console;

import java.util.List;
import java.util.Map;

/**
 * The new-broadcast form as shown: what staff typed (to show again), the choices, and what is wrong with it by
 * field ({@code name}, {@code template}, {@code params}, {@code group}, {@code at}; {@code form} for the rest).
 *
 * @param paramInputs how many parameter inputs the form has: the most any registered template takes
 */
public record BroadcastForm(BroadcastDraft draft, List<TemplateOption> templates, List<GroupOption> groups,
                            int paramInputs, Map<String, String> errors) {
    /** A template name with its languages and how many parameters it takes. */
    public record TemplateOption(String name, String languages, int params) {
        public String label() {
            return name + " (" + languages + ") · " + params + (params == 1 ? " parameter" : " parameters");
        }
    }

    public record GroupOption(String id, String name) {
    }

    public BroadcastForm {
        errors = Map.copyOf(errors);
    }

    public String error(String field) {
        return errors.get(field);
    }

    /** The value typed for parameter {@code i} (from 1), "" when none. */
    public String param(int i) {
        return i <= draft.params().size() ? draft.params().get(i - 1) : "";
    }

    public boolean chosen(TemplateOption t) {
        return t.name().equals(draft.template());
    }

    public boolean chosen(GroupOption g) {
        return g.id().equals(draft.group());
    }
}
