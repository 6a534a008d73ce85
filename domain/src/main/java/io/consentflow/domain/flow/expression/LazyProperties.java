package io.consentflow.domain.flow.expression;

import java.util.AbstractMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * An object's properties computed when first read: a contact has a dozen, a template usually reads one, and the
 * inbound path renders contacts all the time. Reading every property (rendering the object, {@code json()}) computes
 * them all. Single use, single thread, as one render is.
 */
public final class LazyProperties extends AbstractMap<String, Value> {
    private final Map<String, Supplier<Value>> suppliers = new LinkedHashMap<>();
    private final Map<String, Value> computed = new HashMap<>(4);

    /** Adds a property, in order; {@code supplier} may give null. */
    public LazyProperties put(String name, Supplier<Value> supplier) {
        suppliers.put(name, supplier);
        return this;
    }

    @Override
    public boolean containsKey(Object key) {
        return suppliers.containsKey(key);
    }

    @Override
    public Value get(Object key) {
        if (computed.containsKey(key)) return computed.get(key);
        Supplier<Value> s = suppliers.get(key);
        if (s == null) return null;
        Value v = s.get();
        computed.put((String) key, v);
        return v;
    }

    @Override
    public Set<String> keySet() {
        return suppliers.keySet();
    }

    @Override
    public int size() {
        return suppliers.size();
    }

    @Override
    public Set<Entry<String, Value>> entrySet() {
        Map<String, Value> all = new LinkedHashMap<>();
        for (String k : suppliers.keySet()) all.put(k, get(k));
        return all.entrySet();
    }
}
