package io.consentflow.application.service;

import io.consentflow.application.port.in.ManageSettingsUseCase;
import io.consentflow.application.port.out.FlowStore;
import io.consentflow.application.port.out.SettingsStore;
import io.consentflow.domain.flow.StoredFlow;
import io.consentflow.application.port.out.TransactionRunner;
import io.consentflow.domain.flow.Flow;
import io.consentflow.domain.flow.InvalidFlowException;
import io.consentflow.domain.policy.FlowRoles;
import io.consentflow.domain.policy.OrgSettings;

import java.util.Optional;
import java.util.function.UnaryOperator;

public final class SettingsService implements ManageSettingsUseCase {
    private final TransactionRunner tx;
    private final SettingsStore settings;
    private final FlowStore flows;
    private final FlowCatalog catalog;

    public SettingsService(TransactionRunner tx, SettingsStore settings, FlowStore flows, FlowCatalog catalog) {
        this.tx = tx;
        this.settings = settings;
        this.flows = flows;
        this.catalog = catalog;
    }

    @Override
    public OrgSettings settings() {
        return settings.load();
    }

    @Override
    public OrgSettings update(OrgSettings next) {
        return change(current -> next);
    }

    @Override
    public OrgSettings setOptinFlow(String flowUuid) {
        return change(current -> new OrgSettings(flowUuid, current.newContactFlow(), current.globals()));
    }

    @Override
    public OrgSettings setNewContactFlow(String flowUuid) {
        return change(current -> new OrgSettings(current.optinFlow(), flowUuid, current.globals()));
    }

    @Override
    public OrgSettings setGlobals(java.util.Map<String, String> globals) {
        return change(current -> current.withGlobals(globals));
    }

    /** Reads and writes under the catalogue's lock, so concurrent changes of different settings both stay. */
    private OrgSettings change(UnaryOperator<OrgSettings> change) {
        try {
            return tx.inTransaction(() -> {
                flows.lockForChange(); // settings are part of the catalogue version
                OrgSettings next = change.apply(settings.load());
                requireFlow("optinFlow", next.optinFlow()).ifPresent(SettingsService::requireOptinAction);
                requireFlow("newContactFlow", next.newContactFlow());
                requireGlobals(next);
                settings.save(next);
                return next;
            });
        } finally {
            catalog.invalidate();
        }
    }

    private Optional<Flow> requireFlow(String field, String uuid) {
        if (uuid == null) return Optional.empty();
        Optional<Flow> flow = flows.find(uuid).map(StoredFlow::flow);
        if (flow.isEmpty()) throw new InvalidFlowException(field, "no flow with uuid " + uuid);
        return flow;
    }

    private static void requireGlobals(OrgSettings next) {
        if (next.globals().size() > OrgSettings.MAX_GLOBALS) {
            throw new InvalidFlowException("globals", "at most " + OrgSettings.MAX_GLOBALS + " globals");
        }
        next.globals().forEach((key, value) -> {
            String problem = OrgSettings.globalProblem(key, value);
            if (problem != null) throw new InvalidFlowException("globals." + key, problem);
        });
    }

    /** The opt-in flow may message opted-out contacts: only a flow that can record their opt-in may be it. */
    private static void requireOptinAction(Flow flow) {
        if (!flow.recordsOptin()) {
            throw new InvalidFlowException("optinFlow", "flow " + flow.uuid() + " cannot be the opt-in flow: "
                    + FlowRoles.OPTIN_RULE);
        }
    }
}
