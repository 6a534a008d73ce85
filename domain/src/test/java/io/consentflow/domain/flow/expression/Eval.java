package io.consentflow.domain.flow.expression;

import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.flow.run.RunResult;
import io.consentflow.domain.flow.template.TemplateContext;
import io.consentflow.domain.flow.template.Templates;

import java.time.Instant;
import java.util.Map;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Evaluates templates the way goflow's documentation shows its examples: a contact Ryan Lewis (field age 23),
 * at 2018-04-11 13:24:30.123456 UTC. {@code ERROR} as the expectation means the template failed: it rendered as
 * nothing and said why.
 */
final class Eval {
    static final Instant NOW = Instant.parse("2018-04-11T13:24:30.123456Z");

    private Eval() {
    }

    static TemplateContext context() {
        Contact c = Contact.newContact(new Phone("12024561111"), "Ryan Lewis", NOW.minusSeconds(86_400));
        c.setField("age", "23");
        c.setField("gender", "Male");
        c.addGroups(java.util.List.of("Testers"));
        RunResult favorite = new RunResult("Favorite Color", "red", "Red", "it's red", "n1", NOW);
        return new TemplateContext(c, Map.of(RunResult.key(favorite.name()), favorite), "Hi there", null, null, null,
                null, Map.of("org_name", "Nyaruka"), "{\"results\": [{\"state\": \"WA\"}], \"ok\": true}", NOW,
                RandomGenerator.of("L64X128MixRandom"));
    }

    static Template.Rendered evaluate(String template) {
        return Templates.evaluate(template, context());
    }

    /** Checks {@code template} renders {@code expected}, or fails with an error when {@code expected} is ERROR. */
    static void check(String template, String expected) {
        Template.Rendered r = evaluate(template);
        if (expected.equals("ERROR")) {
            assertEquals("", r.text(), template);
            assertFalse(r.errors().isEmpty(), template + " should fail");
        } else {
            assertEquals(expected, r.text(), template + " (errors: " + r.errors() + ")");
            assertEquals(java.util.List.of(), r.errors(), template);
        }
    }
}
