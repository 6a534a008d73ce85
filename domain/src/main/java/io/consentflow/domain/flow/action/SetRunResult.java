package io.consentflow.domain.flow.action;

import io.consentflow.domain.flow.run.RunResult;

/** Saves {@code value} (rendered) under {@code @results.<snake name>} with an optional category. */
public record SetRunResult(String uuid, String name, String value, String category) implements Action {
    @Override
    public boolean execute(Step step) {
        String cat = category == null || category.isBlank() ? null : category;
        step.run().saveResult(new RunResult(name, step.render(value), cat, step.input(), step.run().nodeUuid(),
                step.now()));
        return true;
    }
}
