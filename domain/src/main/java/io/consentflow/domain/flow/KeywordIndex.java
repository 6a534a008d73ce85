package io.consentflow.domain.flow;

import io.consentflow.domain.keyword.Keyword;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which active flow each keyword starts: a hash lookup, so matching costs the same with 10 flows or 10,000.
 * Built only from flows whose keywords do not collide (see {@link #conflict}).
 */
public final class KeywordIndex {
    private final Map<String, Flow> byKeyword;

    private KeywordIndex(Map<String, Flow> byKeyword) {
        this.byKeyword = byKeyword;
    }

    public static KeywordIndex of(Collection<Flow> flows) {
        Map<String, Flow> map = new HashMap<>(flows.size() * 2);
        for (Flow f : flows) {
            if (!f.active()) continue;
            for (Keyword k : f.keywords()) map.putIfAbsent(k.value(), f);
        }
        return new KeywordIndex(map);
    }

    /** The flow whose keyword equals the whole normalised text, if any. */
    public Optional<Flow> match(String text) {
        if (text == null || text.isEmpty()) return Optional.empty();
        return Optional.ofNullable(byKeyword.get(Keyword.normalize(text)));
    }

    /** Another active flow (not {@code candidate} itself) that already uses one of the candidate's keywords. */
    public Optional<KeywordConflict> conflict(Flow candidate) {
        if (!candidate.active()) return Optional.empty();
        for (Keyword k : candidate.keywords()) {
            Flow owner = byKeyword.get(k.value());
            if (owner != null && !owner.uuid().equals(candidate.uuid())) {
                return Optional.of(new KeywordConflict(k, owner, candidate));
            }
        }
        return Optional.empty();
    }

    public int size() {
        return byKeyword.size();
    }

    public record KeywordConflict(Keyword keyword, Flow owner, Flow candidate) {
        public String message() {
            return "keyword '" + keyword.value() + "' of flow '" + candidate.name() + "' (" + candidate.uuid()
                    + ") is already used by active flow '" + owner.name() + "' (" + owner.uuid() + ")";
        }
    }
}
