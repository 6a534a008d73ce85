package io.consentflow.domain.flow;

import io.consentflow.domain.flow.action.Action;
import io.consentflow.domain.flow.action.EnterFlow;
import io.consentflow.domain.flow.action.SetContactField;
import io.consentflow.domain.flow.router.Case;
import io.consentflow.domain.flow.router.Category;
import io.consentflow.domain.flow.router.Router;
import io.consentflow.domain.keyword.Keyword;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The flow aggregate: a conversation graph with its trigger keywords. Validated when built, so a flow that
 * exists can run: every exit leads to a node of this flow (or ends the run), every category to an exit of its
 * node, every case to a category. The start node is the first of {@code nodes}.
 */
public final class Flow {
    /** RapidPro's default: a run waiting longer than a week expires. */
    public static final int DEFAULT_EXPIRE_AFTER_MINUTES = 10080;
    /**
     * Keywords of one flow: real flows have a handful, and every import and catalogue reload handles each one, so a
     * bound keeps a mistaken import from slowing every instance.
     */
    public static final int MAX_KEYWORDS = 1000;

    private final String uuid;
    private final String name;
    private final List<Node> nodes;
    private final Map<String, Node> nodesByUuid;
    private final int expireAfterMinutes;
    private final List<Keyword> keywords;
    private final boolean ignoreKeywords;
    private final boolean active;
    private final boolean recordsOptin;
    private final Localization localization;

    public Flow(String uuid, String name, List<Node> nodes, int expireAfterMinutes, List<Keyword> keywords,
                boolean ignoreKeywords, boolean active) {
        this(uuid, name, nodes, expireAfterMinutes, keywords, ignoreKeywords, active, Localization.NONE);
    }

    /** A flow with its texts in other languages ({@link Localization}). */
    public Flow(String uuid, String name, List<Node> nodes, int expireAfterMinutes, List<Keyword> keywords,
                boolean ignoreKeywords, boolean active, Localization localization) {
        this.uuid = requireUuid(uuid);
        this.name = name == null || name.isBlank() ? "flow " + uuid : name;
        this.nodes = List.copyOf(nodes == null ? List.of() : nodes);
        this.expireAfterMinutes = expireAfterMinutes > 0 ? expireAfterMinutes : DEFAULT_EXPIRE_AFTER_MINUTES;
        this.keywords = List.copyOf(new java.util.LinkedHashSet<>(keywords == null ? List.of() : keywords));
        if (this.keywords.size() > MAX_KEYWORDS) {
            throw new InvalidFlowException("keywords", "a flow has at most " + MAX_KEYWORDS + " keywords, this one has "
                    + this.keywords.size());
        }
        this.ignoreKeywords = ignoreKeywords;
        this.active = active;
        this.nodesByUuid = validate(this.nodes);
        this.recordsOptin = this.nodes.stream().flatMap(n -> n.actions().stream())
                .anyMatch(a -> a instanceof SetContactField f && f.optsIn());
        this.localization = localization == null ? Localization.NONE : localization;
    }

    /** The same graph with other trigger settings (keywords are already validated by {@link Keyword}). */
    public Flow withTriggers(List<Keyword> newKeywords, boolean newIgnoreKeywords, boolean newActive) {
        return new Flow(uuid, name, nodes, expireAfterMinutes, newKeywords, newIgnoreKeywords, newActive,
                localization);
    }

    private Map<String, Node> validate(List<Node> all) {
        if (all.isEmpty()) throw new InvalidFlowException("flow " + uuid, "a flow needs at least one node");
        Map<String, Node> byUuid = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            Node n = all.get(i);
            String where = "nodes[" + i + "]";
            if (n.uuid() == null || n.uuid().isBlank()) throw new InvalidFlowException(where, "node has no uuid");
            if (byUuid.put(n.uuid(), n) != null) {
                throw new InvalidFlowException(where(i, n), "duplicate node uuid");
            }
        }
        for (int i = 0; i < all.size(); i++) {
            Node n = all.get(i);
            String where = where(i, n);
            if (n.exits().isEmpty()) throw new InvalidFlowException(where, "node has no exits");
            Set<String> exitUuids = new HashSet<>();
            for (Exit e : n.exits()) {
                if (!exitUuids.add(e.uuid())) throw new InvalidFlowException(where, "duplicate exit " + e.uuid());
                if (e.destination() != null && !byUuid.containsKey(e.destination())) {
                    throw new InvalidFlowException(where + ".exits[" + e.uuid() + "]",
                            "exit points to node " + e.destination() + ", which is not in this flow");
                }
            }
            for (int a = 0; a < n.actions().size(); a++) {
                Action action = n.actions().get(a);
                if (action instanceof EnterFlow ef && (ef.flowUuid() == null || ef.flowUuid().isBlank())) {
                    throw new InvalidFlowException(where + ".actions[" + a + "]", "enter_flow names no flow");
                }
            }
            n.routerOpt().ifPresent(r -> validateRouter(where + ".router", r, exitUuids));
            if (n.router() == null && n.exits().size() != 1) {
                throw new InvalidFlowException(where, "a node without a router must have exactly one exit");
            }
        }
        return Map.copyOf(byUuid);
    }

    private static void validateRouter(String where, Router r, Set<String> exitUuids) {
        if (r.categories().isEmpty()) throw new InvalidFlowException(where, "router has no categories");
        Set<String> categoryUuids = new HashSet<>();
        for (Category c : r.categories()) {
            if (c.uuid() == null || !categoryUuids.add(c.uuid())) {
                throw new InvalidFlowException(where, "category without uuid or duplicated: " + c.uuid());
            }
            if (c.exitUuid() == null || !exitUuids.contains(c.exitUuid())) {
                throw new InvalidFlowException(where + ".categories[" + c.name() + "]",
                        "category points to exit " + c.exitUuid() + ", which this node does not have");
            }
        }
        for (Case c : r.cases()) {
            if (!categoryUuids.contains(c.categoryUuid())) {
                throw new InvalidFlowException(where + ".cases[" + c.uuid() + "]",
                        "case points to category " + c.categoryUuid() + ", which this router does not have");
            }
        }
        if (r.kind() == Router.Kind.SWITCH && (r.defaultCategoryUuid() == null
                || !categoryUuids.contains(r.defaultCategoryUuid()))) {
            throw new InvalidFlowException(where, "default category " + r.defaultCategoryUuid() + " is not a category");
        }
        if (r.waitFor() != null && r.waitFor().timeoutCategoryUuid() != null
                && !categoryUuids.contains(r.waitFor().timeoutCategoryUuid())) {
            throw new InvalidFlowException(where + ".wait.timeout",
                    "timeout category " + r.waitFor().timeoutCategoryUuid() + " is not a category");
        }
    }

    private static String where(int i, Node n) {
        return "nodes[" + i + "] (" + n.uuid() + ")";
    }

    private static String requireUuid(String uuid) {
        try {
            UUID.fromString(uuid);
            return uuid;
        } catch (RuntimeException e) {
            throw new InvalidFlowException("uuid", "flow uuid is missing or not a UUID: " + uuid);
        }
    }

    public String uuid() { return uuid; }
    public String name() { return name; }
    public List<Node> nodes() { return nodes; }
    public Node startNode() { return nodes.get(0); }
    public Optional<Node> node(String nodeUuid) { return Optional.ofNullable(nodesByUuid.get(nodeUuid)); }
    public int expireAfterMinutes() { return expireAfterMinutes; }
    public List<Keyword> keywords() { return keywords; }
    public boolean ignoreKeywords() { return ignoreKeywords; }
    public boolean active() { return active; }
    public Localization localization() { return localization; }

    /**
     * Whether this flow contains the opt-in action ({@code set_contact_field} {@code settings} = {@code optin}):
     * only such a flow may be the opt-in flow, whose messages may reach an opted-out contact.
     */
    public boolean recordsOptin() { return recordsOptin; }

    public boolean hasKeyword(String normalized) {
        return keywords.stream().anyMatch(k -> k.value().equals(normalized));
    }

    @Override
    public String toString() {
        return "Flow[" + name + " " + uuid + "]";
    }
}
