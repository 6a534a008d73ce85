package io.consentflow.domain.flow.expression;

/** goflow's JSON functions: a value as JSON text, and JSON text as a value. */
final class JsonFunctions {
    private JsonFunctions() {
    }

    static void register(Functions.Registry r) {
        r.add("json", 1, 1, (env, a) -> {
            if (a.get(0) instanceof Value.Error e) throw new EvalException(e.message());
            return new Value.Text(Json.write(a.get(0)));
        });
        r.add("parse_json", 1, 1, (env, a) -> {
            try {
                return Json.parse(Values.text(a.get(0)));
            } catch (IllegalArgumentException e) {
                throw new EvalException("unable to parse JSON: " + e.getMessage());
            }
        });
    }
}
