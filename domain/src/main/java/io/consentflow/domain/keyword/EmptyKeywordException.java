package io.consentflow.domain.keyword;

/** A keyword that normalises to nothing (only punctuation, emoji or spaces). */
public final class EmptyKeywordException extends InvalidKeywordException {
    private static final long serialVersionUID = 1L;
    private final String raw;

    public EmptyKeywordException(String raw) {
        super("keyword '" + raw + "' normalises to nothing (only punctuation, symbols or spaces)");
        this.raw = raw;
    }

    public String raw() {
        return raw;
    }
}
