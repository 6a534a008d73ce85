package io.consentflow.adapter.http.violation;

import io.consentflow.application.service.violation.SomeService;

/** Deliberately calls a service instead of its use case port; test use only. */
public final class AdapterCallingAService {
    public void handle(SomeService service) {
        service.run();
    }
}
