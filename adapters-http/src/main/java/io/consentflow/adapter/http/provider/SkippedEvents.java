package io.consentflow.adapter.http.provider;

/**
 * Told of every item of a provider callback that could not be read and was left out while the rest was applied,
 * so it can be counted (a metric): a provider that changed its format shows as a rising count, not as silence.
 */
@FunctionalInterface
public interface SkippedEvents {
    SkippedEvents NONE = provider -> { };

    void skipped(String provider);
}
