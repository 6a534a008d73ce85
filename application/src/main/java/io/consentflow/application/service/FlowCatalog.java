package io.consentflow.application.service;

import io.consentflow.application.port.out.FlowStore;
import io.consentflow.application.port.out.SettingsStore;
import io.consentflow.domain.flow.StoredFlow;
import io.consentflow.domain.flow.Flow;
import io.consentflow.domain.flow.KeywordIndex;
import io.consentflow.domain.policy.FlowRoles;
import io.consentflow.domain.policy.OrgSettings;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
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

    /** Without an age limit: the store's version is read on every call, so no clock is needed. */
    public FlowCatalog(FlowStore store, SettingsStore settings) {
        this.store = store;
        this.settings = settings;
        this.maxAge = Duration.ZERO;
        this.clock = null;
    }

    /** @param clock real time, which ages the cache (not the clock the rules see, which a host may set) */
    public FlowCatalog(FlowStore store, SettingsStore settings, Duration maxAge, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.maxAge = maxAge;
        this.clock = maxAge.isZero() ? clock : Objects.requireNonNull(clock, "clock");
    }

    /** The flows as of now (or as of at most {@code maxAge} ago for changes made on other instances). */
    public Snapshot current() {
        Snapshot s = snapshot;
        Instant now = maxAge.isZero() ? null : clock.instant();
        if (s != null && now != null && now.isBefore(checkedAt.plus(maxAge))) return s;
        long version = store.version();
        if (now != null) checkedAt = now;
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
