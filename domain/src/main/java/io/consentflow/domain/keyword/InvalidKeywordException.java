package io.consentflow.domain.keyword;

/** A keyword as typed that cannot be one: it normalises to nothing, or it is too long. */
public class InvalidKeywordException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    protected InvalidKeywordException(String message) {
        super(message);
    }
}
