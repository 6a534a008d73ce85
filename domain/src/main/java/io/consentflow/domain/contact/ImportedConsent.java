package io.consentflow.domain.contact;

/** What an import's {@code opt_in} did to a contact's consent ({@link Contact#importOptIn}). */
public enum ImportedConsent {
    /** Opted in with method {@code import}. */
    OPTED_IN,
    /** Already opted in: its consent and evidence stay as they are. */
    ALREADY_OPTED_IN,
    /** Opted out: an import never overrides an opt-out. */
    KEPT_OPTED_OUT,
    /** Blocked: its consent is not touched, and it stays blocked. */
    KEPT_BLOCKED
}
