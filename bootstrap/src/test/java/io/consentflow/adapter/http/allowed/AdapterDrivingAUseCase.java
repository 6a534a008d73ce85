package io.consentflow.adapter.http.allowed;

import io.consentflow.application.port.in.violation.UseCaseReturningAnOutboundType;

/** Reaches the application through a port: allowed; test use only. */
public final class AdapterDrivingAUseCase {
    public int handle(UseCaseReturningAnOutboundType useCase) {
        return useCase.list().size();
    }
}
