package io.consentflow.adapter.http.provider;

/** A provider's words for a failed delivery as they are stored with the message: {@code "<code>: <reason>"}. */
public final class FailureDetail {
    private FailureDetail() {
    }

    /** Either part may be missing; null when both are. */
    public static String of(String code, String reason) {
        if (code == null) return reason;
        return reason == null ? code : code + ": " + reason;
    }
}
