package io.consentflow.domain.policy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The organisation's choice of special flows (either may be null) and its globals: values every flow reads as
 * {@code @globals.<key>} (goflow's globals, e.g. a helpline number kept in one place).
 */
public record OrgSettings(String optinFlow, String newContactFlow, Map<String, String> globals) {
    public static final OrgSettings NONE = new OrgSettings(null, null);
    /** At most this many globals. */
    public static final int MAX_GLOBALS = 100;
    /** A global's value is at most this many characters. */
    public static final int MAX_GLOBAL_VALUE = 10_000;
    private static final Pattern KEY = Pattern.compile("[a-z_][a-z0-9_]{0,35}");

    public OrgSettings {
        globals = globals == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(globals));
    }

    /** Flows only, no globals. */
    public OrgSettings(String optinFlow, String newContactFlow) {
        this(optinFlow, newContactFlow, Map.of());
    }

    public OrgSettings withGlobals(Map<String, String> newGlobals) {
        return new OrgSettings(optinFlow, newContactFlow, newGlobals);
    }

    /**
     * What is wrong with a global, in words, or null: keys are goflow's (lower-case letters, digits and
     * underscores, not starting with a digit, at most 36), values text of at most {@value #MAX_GLOBAL_VALUE}
     * characters.
     */
    public static String globalProblem(String key, String value) {
        if (key == null || !KEY.matcher(key).matches()) {
            return "a global's key is 1 to 36 lower-case letters, digits and underscores, not starting with a digit";
        }
        if (value == null) return "a global's value must be text";
        if (value.length() > MAX_GLOBAL_VALUE) return "a global's value is at most " + MAX_GLOBAL_VALUE + " characters";
        return null;
    }
}
