package io.consentflow.adapter.http.admin;

import io.consentflow.adapter.http.support.BoundedBody;
import io.consentflow.adapter.http.support.Json;
import com.fasterxml.jackson.databind.JsonNode;
import io.consentflow.application.port.in.ManageSettingsUseCase;
import io.consentflow.domain.policy.OrgSettings;
import io.javalin.router.JavalinDefaultRoutingApi;
import io.javalin.http.Context;
import org.mapstruct.factory.Mappers;

import java.util.List;

/**
 * The organisation's opt-in and new-contact flows and its globals. A PUT replaces all three (a key missing from it
 * clears that setting); a PATCH changes only the keys it gives ({@code null} clears one; {@code globals} is
 * replaced as a whole). Any other key is a 400 naming it: a
 * misspelt key ({@code optin_flow}) once read as "both missing" and cleared both settings.
 */
public final class SettingsRoutes {
    private static final String SETTINGS = "/api/v1/settings";
    private static final String OPTIN_FLOW = "optinFlow";
    private static final String NEW_CONTACT_FLOW = "newContactFlow";
    private static final String GLOBALS = "globals";

    private final Json json;
    private final ManageSettingsUseCase settings;
    private final FlowJsonMapper mapper = Mappers.getMapper(FlowJsonMapper.class);

    public SettingsRoutes(Json json, ManageSettingsUseCase settings) {
        this.json = json;
        this.settings = settings;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.get(SETTINGS, ctx -> json.reply(ctx, mapper.toJson(settings.settings())));
        routes.put(SETTINGS, this::replace);
        routes.patch(SETTINGS, this::patch);
    }

    private void replace(Context ctx) {
        SettingsBody body = json.read(BoundedBody.read(ctx), SettingsBody.class);
        OrgSettings wanted = new OrgSettings(flowUuid(body.optinFlow()), flowUuid(body.newContactFlow()),
                body.globals());
        json.reply(ctx, mapper.toJson(settings.update(wanted)));
    }

    private void patch(Context ctx) {
        JsonNode tree = json.readObject(BoundedBody.read(ctx));
        SettingsBody body = json.bind(tree, SettingsBody.class);
        boolean optin = tree.has(OPTIN_FLOW);
        boolean newContact = tree.has(NEW_CONTACT_FLOW);
        boolean globals = tree.has(GLOBALS);
        // a key given as null clears that setting; one key changes that setting alone, in the use case's
        // transaction (a concurrent change of the others stays)
        OrgSettings changed;
        int given = (optin ? 1 : 0) + (newContact ? 1 : 0) + (globals ? 1 : 0);
        if (given > 1) {
            OrgSettings current = settings.settings();
            changed = settings.update(new OrgSettings(
                    optin ? flowUuid(body.optinFlow()) : current.optinFlow(),
                    newContact ? flowUuid(body.newContactFlow()) : current.newContactFlow(),
                    globals ? body.globals() : current.globals()));
        } else if (optin) {
            changed = settings.setOptinFlow(flowUuid(body.optinFlow()));
        } else if (newContact) {
            changed = settings.setNewContactFlow(flowUuid(body.newContactFlow()));
        } else if (globals) {
            changed = settings.setGlobals(body.globals());
        } else {
            changed = settings.update(settings.settings());
        }
        json.reply(ctx, mapper.toJson(changed));
    }

    private static String flowUuid(String given) {
        return given == null || given.isBlank() ? null : given.strip();
    }
}
