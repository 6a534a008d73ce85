package io.consentflow.domain.flow;

import io.consentflow.domain.flow.action.Action;
import io.consentflow.domain.flow.router.Router;

import java.util.List;
import java.util.Optional;

/** A node: actions run in order, then the router (if any) picks an exit, else the single exit is taken. */
public record Node(String uuid, List<Action> actions, Router router, List<Exit> exits) {
    public Node {
        actions = List.copyOf(actions);
        exits = List.copyOf(exits);
    }

    public Optional<Router> routerOpt() {
        return Optional.ofNullable(router);
    }

    public Optional<Exit> exit(String exitUuid) {
        return exits.stream().filter(e -> e.uuid().equals(exitUuid)).findFirst();
    }
}
