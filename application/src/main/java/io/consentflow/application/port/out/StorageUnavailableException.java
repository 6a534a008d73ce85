package io.consentflow.application.port.out;

/** The database cannot be reached; nothing was committed. Callers answer "try again later" (HTTP 503). */
public final class StorageUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
