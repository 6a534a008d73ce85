package io.consentflow.domain.flow.expression;

/**
 * An evaluation that cannot go on (a value that does not convert, a wrong number of arguments): caught where a
 * function is called or a template segment evaluated, and turned into an {@link Value.Error}.
 */
final class EvalException extends RuntimeException {
    EvalException(String message) {
        super(message, null, false, false);
    }
}
