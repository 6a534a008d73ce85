package io.consentflow.domain.violation;

/** Deliberately breaks the console rules; test use only. */
public final class DomainPrintingToConsole {
    public void report(Exception e) {
        System.out.println("bad");
        e.printStackTrace();
    }
}
