package io.consentflow.domain.flow.action;

/**
 * The closed set of actions a node can run. An unknown action type never gets this far: import refuses it. Each
 * action carries its own execution, so a new action type is one file that the compiler makes complete.
 */
public sealed interface Action permits SendMsg, SendInteractiveMsg, SetContactField, SetContactName,
        SetContactLanguage, AddContactGroups, RemoveContactGroups, AddInputLabels, EnterFlow, SetRunResult,
        SendBroadcast, StartSession, SetContactStatus, OpenTicket, CallClassifier, Pausing {
    String uuid();

    /** Runs the action on {@code step}'s run; false when it ended the run (a refused send, a missing child flow). */
    boolean execute(Step step);
}
