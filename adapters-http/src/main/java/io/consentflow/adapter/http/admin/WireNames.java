package io.consentflow.adapter.http.admin;

import io.consentflow.domain.consent.ConsentMethod;
import io.consentflow.domain.consent.ConsentState;
import io.consentflow.domain.consent.ConsentTopic;

/** The domain's enums as the API writes them (their lower-case wire names), shared by the mappers ({@code uses=}). */
final class WireNames {
    String wire(ConsentState state) {
        return state == null ? null : state.wire();
    }

    String wire(ConsentMethod method) {
        return method == null ? null : method.wire();
    }

    String wire(ConsentTopic topic) {
        return topic == null ? null : topic.wire();
    }
}
