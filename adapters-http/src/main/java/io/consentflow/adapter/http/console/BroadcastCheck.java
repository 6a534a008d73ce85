package io.consentflow.adapter.http.console;

/**
 * The step before a broadcast is sent: how many of the group's members are opted in now (those the policy will let
 * it reach; the others are refused as their message is to leave), with the form's values to send on.
 */
public record BroadcastCheck(BroadcastDraft draft, String template, String groupName, long members, long optedIn,
                             String at) {
}
