package io.consentflow.application.port.out;

/** The functions an embedding host registered for Glific's {@code FUNCTION} webhooks, by name. */
@FunctionalInterface
public interface WebhookFunctions {
    /** Whether a function named {@code name} is registered (an import warns about a flow calling one that is not). */
    boolean registered(String name);

    WebhookFunctions NONE = name -> false;
}
