package io.consentflow.adapter.http.console;

import io.consentflow.domain.flow.Flow;
import io.consentflow.domain.keyword.Keyword;
import io.consentflow.domain.policy.OrgSettings;

import java.util.stream.Collectors;

/**
 * A flow as the flows page lists it: its keywords as staff typed them, whether it is active, and its roles.
 *
 * @param canBeOptin it contains the opt-in action, so settings accept it as the opt-in flow
 */
public record FlowRow(String uuid, String name, String keywords, boolean ignoreKeywords, boolean active,
                      boolean optin, boolean newContact, boolean canBeOptin) {
    static FlowRow of(Flow f, OrgSettings settings) {
        return new FlowRow(f.uuid(), f.name(), f.keywords().stream().map(Keyword::value)
                .collect(Collectors.joining(", ")), f.ignoreKeywords(), f.active(),
                f.uuid().equals(settings.optinFlow()), f.uuid().equals(settings.newContactFlow()), f.recordsOptin());
    }
}
