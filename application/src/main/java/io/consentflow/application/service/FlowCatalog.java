package io.consentflow.application.service;

import io.consentflow.application.port.out.FlowStore;
import io.consentflow.application.port.out.SettingsStore;
import io.consentflow.application.port.out.StoredFlow;
import io.consentflow.domain.flow.Flow;
import io.consentflow.domain.flow.KeywordIndex;
import io.consentflow.domain.policy.FlowRoles;
import io.consentflow.domain.policy.OrgSettings;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The parsed flows, their keyword index and roles, cached per instance and reloaded when the store's version
 * moves (any import, edit, delete or settings change on any instance bumps it). Changes made through this
 * instance are seen at once ({@link #invalidate}); the version is read at most once per {@code maxAge}, so a
 * change made on another instance is seen within that time without a query per message.
 */
public final class FlowCatalog {
    private final FlowStore store;
    private final SettingsStore settings;
    private final Duration maxAge;
    private final Clock clock;
    private volatile Snapshot snapshot;
    private volatile Instant checkedAt = Instant.MIN;

    public FlowCatalog(FlowStore store, SettingsStore settings) {
        this(store, settings, Duration.ZERO, Clock.systemUTC());
    }

    public FlowCatalog(FlowStore store, SettingsStore settings, Duration maxAge, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** The flows as of now (or as of at most {@code maxAge} ago for changes made on other instances). */
    public Snapshot current() {
        Snapshot s = snapshot;
        Instant now = clock.instant();
        if (s != null && !maxAge.isZero() && now.isBefore(checkedAt.plus(maxAge))) return s;
        long version = store.version();
        checkedAt = now;
        if (s != null && s.version() == version) return s;
        Snapshot fresh = load(version);
        snapshot = fresh;
        return fresh;
    }

    /** Forgets the cache, e.g. after a rolled-back change. */
    public void invalidate() {
        snapshot = null;
    }

    private Snapshot load(long version) {
        Map<String, Flow> flows = store.all().stream().map(StoredFlow::flow)
                .collect(Collectors.toUnmodifiableMap(Flow::uuid, Function.identity()));
        OrgSettings org = settings.load();
        return new Snapshot(version, flows, KeywordIndex.of(flows.values()), roles(flows, org), org);
    }

    static FlowRoles roles(Map<String, Flow> flows, OrgSettings org) {
        Optional<Flow> optin = FlowRoles.optinFlow(flows.values(), org);
        Optional<Flow> optout = withKeyword(flows, "optout");
        Optional<Flow> newContact = active(flows, org.newContactFlow());
        return new FlowRoles(optin, optout, newContact);
    }

    private static Optional<Flow> active(Map<String, Flow> flows, String uuid) {
        return uuid == null ? Optional.empty() : Optional.ofNullable(flows.get(uuid)).filter(Flow::active);
    }

    private static Optional<Flow> withKeyword(Map<String, Flow> flows, String keyword) {
        return flows.values().stream().filter(Flow::active).filter(f -> f.hasKeyword(keyword)).findFirst();
    }

    /** One consistent view of the flows. */
    public record Snapshot(long version, Map<String, Flow> flows, KeywordIndex keywords, FlowRoles roles,
                           OrgSettings settings) {
        public Optional<Flow> flow(String uuid) {
            return Optional.ofNullable(flows.get(uuid));
        }
    }
}
