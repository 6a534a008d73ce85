package io.consentflow.adapter.http.admin;

import io.consentflow.adapter.http.support.Json;
import com.fasterxml.jackson.databind.JsonNode;
import io.consentflow.application.port.in.ManageSettingsUseCase;
import io.consentflow.domain.policy.OrgSettings;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.mapstruct.factory.Mappers;

import java.util.List;

/**
 * The organisation's opt-in and new-contact flows. A PUT replaces both (a key missing from it clears that
 * setting); a PATCH changes only the keys it gives ({@code null} clears one). Any other key is a 400 naming it: a
 * misspelt key ({@code optin_flow}) once read as "both missing" and cleared both settings.
 */
public final class SettingsRoutes {
    private static final String SETTINGS = "/api/v1/settings";
    private static final String OPTIN_FLOW = "optinFlow";
    private static final String NEW_CONTACT_FLOW = "newContactFlow";

    private final Json json;
    private final ManageSettingsUseCase settings;
    private final FlowJsonMapper mapper = Mappers.getMapper(FlowJsonMapper.class);

    public SettingsRoutes(Json json, ManageSettingsUseCase settings) {
        this.json = json;
        this.settings = settings;
    }

    public void register(RoutesConfig routes) {
        routes.get(SETTINGS, ctx -> ctx.json(mapper.toJson(settings.settings())));
        routes.put(SETTINGS, this::replace);
        routes.patch(SETTINGS, this::patch);
    }

    private void replace(Context ctx) {
        SettingsBody body = json.read(ctx.bodyAsBytes(), SettingsBody.class);
        OrgSettings wanted = new OrgSettings(flowUuid(body.optinFlow()), flowUuid(body.newContactFlow()));
        ctx.json(mapper.toJson(settings.update(wanted)));
    }

    private void patch(Context ctx) {
        JsonNode tree = json.readObject(ctx.bodyAsBytes());
        SettingsBody body = json.bind(tree, SettingsBody.class);
        OrgSettings current = settings.settings();
        // a key given as null clears that setting; a key not given leaves it
        OrgSettings wanted = new OrgSettings(
                tree.has(OPTIN_FLOW) ? flowUuid(body.optinFlow()) : current.optinFlow(),
                tree.has(NEW_CONTACT_FLOW) ? flowUuid(body.newContactFlow()) : current.newContactFlow());
        ctx.json(mapper.toJson(settings.update(wanted)));
    }

    private static String flowUuid(String given) {
        return given == null || given.isBlank() ? null : given.strip();
    }
}
