package io.consentflow.adapter.http;

/**
 * What the HTTP adapter needs to know about its callers. A blank or null secret means "not required".
 *
 * @param apiKey          bearer token every {@code /api/*} request must carry
 * @param gupshupToken    {@code ?token=} the Gupshup callback URL must carry
 * @param metaVerifyToken token Meta echoes in the subscription handshake
 * @param metaAppSecret   key of the {@code X-Hub-Signature-256} HMAC Meta signs each callback with
 * @param maxBodyBytes    larger request bodies are refused with 413; zero or less means the default (256 KiB)
 */
public record HttpSettings(String apiKey, String gupshupToken, String metaVerifyToken, String metaAppSecret,
                           long maxBodyBytes) {
    public static final long DEFAULT_MAX_BODY_BYTES = 256 * 1024;

    public HttpSettings {
        apiKey = blankToNull(apiKey);
        gupshupToken = blankToNull(gupshupToken);
        metaVerifyToken = blankToNull(metaVerifyToken);
        metaAppSecret = blankToNull(metaAppSecret);
        if (maxBodyBytes <= 0) maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    }

    /** No secrets required, default body limit: for tests and local runs. */
    public static HttpSettings open() {
        return new HttpSettings(null, null, null, null, DEFAULT_MAX_BODY_BYTES);
    }

    /** Never prints the secrets themselves, only whether they are set. */
    @Override
    public String toString() {
        return "HttpSettings[apiKey=" + set(apiKey) + ", gupshupToken=" + set(gupshupToken) + ", metaVerifyToken="
                + set(metaVerifyToken) + ", metaAppSecret=" + set(metaAppSecret) + ", maxBodyBytes=" + maxBodyBytes + "]";
    }

    private static String set(String secret) {
        return secret == null ? "unset" : "***";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
