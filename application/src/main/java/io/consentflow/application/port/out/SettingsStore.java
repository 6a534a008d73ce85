package io.consentflow.application.port.out;

import io.consentflow.domain.policy.OrgSettings;

public interface SettingsStore {
    OrgSettings load();

    void save(OrgSettings settings);
}
