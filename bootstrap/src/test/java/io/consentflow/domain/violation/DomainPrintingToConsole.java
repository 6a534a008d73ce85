package io.consentflow.domain.violation;

/** Deliberately writes to the console; test use only. */
public final class DomainPrintingToConsole {
    public void report() {
        System.out.println("bad");
    }
}
