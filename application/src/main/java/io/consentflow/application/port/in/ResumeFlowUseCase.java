package io.consentflow.application.port.in;

import java.util.Map;
import java.util.UUID;

/**
 * A result posted from outside for a run paused at Glific's {@code wait_for_result}
 * ({@code POST /webhooks/flow-resume}): the run continues with it, category {@code Success}.
 */
public interface ResumeFlowUseCase {
    /**
     * @param json   the posted result, a JSON object as text (kept as the result's value)
     * @param fields its members flattened by dotted path, each as text ({@code @results.<name>.<field>})
     */
    Outcome resume(UUID runId, String json, Map<String, String> fields);

    enum Outcome {
        /** The run took the result and went on. */
        RESUMED,
        /** No run has this id. */
        UNKNOWN_RUN,
        /** The run is not (or no longer) waiting for a result: nothing changed. */
        NOT_WAITING
    }
}
