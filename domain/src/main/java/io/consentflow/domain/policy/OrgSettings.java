package io.consentflow.domain.policy;

/** The organisation's choice of special flows; either may be null. */
public record OrgSettings(String optinFlow, String newContactFlow) {
    public static final OrgSettings NONE = new OrgSettings(null, null);
}
