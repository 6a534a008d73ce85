package io.consentflow.domain.flow.expression;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The top-level names of expressions ({@code contact}, {@code fields}, {@code results}, ...), each built only when
 * an expression first uses it and then kept for the rest of this context's life (one render).
 */
public final class Context {
    private final Map<String, Supplier<Value>> roots;
    private final Map<String, Value> built = new HashMap<>(4);

    /** @param roots lower-case name to a supplier of its value (which may be null); kept, not copied */
    public Context(Map<String, Supplier<Value>> roots) {
        this.roots = roots;
    }

    /** Whether {@code name} (lower case) is a top-level name: an identifier rooted elsewhere is literal text. */
    public boolean has(String name) {
        return roots.containsKey(name);
    }

    public Set<String> names() {
        return roots.keySet();
    }

    /** The root's value (null when it is null); only call for a name {@link #has} knows. */
    Value get(String name) {
        if (built.containsKey(name)) return built.get(name);
        Value v = roots.get(name).get();
        built.put(name, v);
        return v;
    }
}
