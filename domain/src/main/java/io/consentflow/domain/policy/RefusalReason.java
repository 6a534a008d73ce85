package io.consentflow.domain.policy;

import java.util.Locale;

public enum RefusalReason {
    CONTACT_BLOCKED, CONTACT_OPTED_OUT, CONTACT_INVALID, SESSION_WINDOW_CLOSED, NOT_OPTED_IN;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
