package io.consentflow.domain.flow.action;

import io.consentflow.domain.flow.run.RunResult;

/**
 * goflow's {@code call_classifier} (Glific's Dialogflow step). No classifier is configured here, so it answers as
 * goflow does when the classifier service fails: the result {@code resultName} is saved empty with category
 * {@code Failure}, on which the node's router takes its Failure category ({@code has_intent} and {@code
 * has_top_intent} match nothing without a classification). The import says so.
 */
public record CallClassifier(String uuid, String classifier, String input, String resultName) implements Action {
    public static final String FAILURE = "Failure";

    @Override
    public boolean execute(Step step) {
        if (resultName != null && !resultName.isBlank()) {
            step.run().saveResult(new RunResult(resultName, "", FAILURE, step.render(input == null ? "" : input),
                    step.run().nodeUuid(), step.now()));
        }
        return true;
    }
}
