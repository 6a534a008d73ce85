package io.consentflow.application.service.violation;

/** A service behind the ports, for {@code AdapterCallingAService} to reach; test use only. */
public final class SomeService {
    public void run() {
    }
}
