package io.consentflow.domain.engine;

import io.consentflow.domain.flow.Flow;
import io.consentflow.domain.flow.run.Run;

/** A run and its flow, one level of the run stack (child on top, suspended parents below). */
record Frame(Run run, Flow flow) {
}
