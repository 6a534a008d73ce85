package io.consentflow.application.port.in.violation;

import io.consentflow.application.port.out.violation.OutboundRecord;

import java.util.List;

/** Deliberately hands a caller an outbound port's type; test use only. */
public interface UseCaseReturningAnOutboundType {
    List<OutboundRecord> list();
}
