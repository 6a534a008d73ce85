package io.consentflow.adapter.persistence;

import io.consentflow.application.port.out.SettingsStore;
import io.consentflow.domain.policy.OrgSettings;

/** The single settings row (created by the migration; save re-creates it should it be missing). */
final class JdbiSettings implements SettingsStore {
    private final Database db;

    JdbiSettings(Database db) {
        this.db = db;
    }

    @Override
    public OrgSettings load() {
        return db.withHandle(h -> h.createQuery("SELECT optin_flow, new_contact_flow, globals FROM settings WHERE id = 1")
                .mapTo(OrgSettings.class).findOne().orElse(OrgSettings.NONE));
    }

    @Override
    public void save(OrgSettings settings) {
        db.useHandle(h -> h.createUpdate("INSERT INTO settings (id, optin_flow, new_contact_flow, globals) "
                        + "VALUES (1, :optin, :newContact, CAST(:globals AS jsonb)) ON CONFLICT (id) DO UPDATE SET "
                        + "optin_flow = excluded.optin_flow, new_contact_flow = excluded.new_contact_flow, "
                        + "globals = excluded.globals")
                .bind("optin", settings.optinFlow()).bind("newContact", settings.newContactFlow())
                .bind("globals", StoredJson.fields(settings.globals())).execute());
    }
}
