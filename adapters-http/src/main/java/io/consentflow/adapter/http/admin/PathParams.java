package io.consentflow.adapter.http.admin;

import io.consentflow.adapter.http.support.Required;
import io.consentflow.adapter.http.support.ProblemException;
import io.consentflow.domain.contact.Phone;
import io.javalin.http.Context;

import java.util.UUID;

/** Typed path parameters; a malformed one is a 400 naming it. */
final class PathParams {
    private PathParams() {
    }

    /** E.164 digits; a leading {@code +} (also sent as {@code %2B}) is accepted. */
    static Phone phone(Context ctx) {
        return Required.phone("phone", ctx.pathParam("phone"));
    }

    static UUID uuid(Context ctx, String name) {
        String raw = ctx.pathParam(name);
        try {
            UUID id = UUID.fromString(raw);
            // UUID.fromString accepts short forms like "1-2-3-4-5": insist on the canonical text
            if (!id.toString().equalsIgnoreCase(raw)) throw new IllegalArgumentException(raw);
            return id;
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(name, name + " must be a UUID");
        }
    }
}
