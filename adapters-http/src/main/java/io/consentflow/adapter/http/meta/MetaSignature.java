package io.consentflow.adapter.http.meta;

import io.consentflow.adapter.http.support.Secrets;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;

/** Meta's {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body, keyed with the app secret>}. */
final class MetaSignature {
    static final String HEADER = "X-Hub-Signature-256";
    private static final String PREFIX = "sha256=";

    private final SecretKeySpec key;

    MetaSignature(String appSecret) {
        this.key = new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** Whether {@code header} is the signature of exactly these bytes. */
    boolean verifies(byte[] rawBody, String header) {
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) return false;
        String given = header.substring(PREFIX.length()).strip().toLowerCase(Locale.ROOT);
        return Secrets.matches(sign(rawBody), given);
    }

    /** {@code sha256=...} header value for a body (lower-case hex). */
    String header(byte[] rawBody) {
        return PREFIX + sign(rawBody);
    }

    private String sign(byte[] rawBody) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(rawBody));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
