package io.consentflow.domain.flow.action;

/** The closed set of actions a node can run. An unknown action type never gets this far: import refuses it. */
public sealed interface Action permits SendMsg, SendInteractiveMsg, SetContactField, SetContactName,
        SetContactLanguage, AddContactGroups, RemoveContactGroups, AddInputLabels, EnterFlow, SetRunResult {
    String uuid();
}
