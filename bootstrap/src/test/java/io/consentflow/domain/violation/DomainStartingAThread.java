package io.consentflow.domain.violation;

/** Deliberately reaches threads and the process from java.lang; test use only. */
public final class DomainStartingAThread {
    private final ThreadLocal<String> perThread = new ThreadLocal<>();

    public void work(Runnable r) {
        new Thread(r).start();
        perThread.set(System.getenv("HOME"));
    }
}
