package io.consentflow.domain.keyword;

/**
 * A keyword longer than {@link Keyword#MAX_LENGTH} characters (normalised) or {@link Keyword#MAX_RAW_LENGTH} as typed:
 * nobody types it, and every inbound message is compared with every keyword.
 */
public final class KeywordTooLongException extends InvalidKeywordException {
    private static final long serialVersionUID = 1L;

    public KeywordTooLongException(String raw) {
        super("a keyword has at most " + Keyword.MAX_LENGTH + " characters (letters and digits; " + Keyword.MAX_RAW_LENGTH
                + " as typed), this one has " + raw.length() + ": '" + (raw.length() > 20 ? raw.substring(0, 20) + "..." : raw)
                + "'");
    }
}
