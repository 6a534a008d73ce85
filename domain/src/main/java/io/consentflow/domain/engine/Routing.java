package io.consentflow.domain.engine;

import io.consentflow.domain.flow.router.Case;
import io.consentflow.domain.flow.router.CaseInput;
import io.consentflow.domain.flow.router.CaseTest;
import io.consentflow.domain.flow.router.Category;
import io.consentflow.domain.flow.router.Router;

import java.util.Optional;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/** Picks a router's category, goflow-style: the first matching case, else the default; or one at random. */
final class Routing {
    /** The chosen category, the value to save as the result (the match, else the operand) and the operand. */
    record Route(Category category, String value, String input) {
    }

    private Routing() {
    }

    /**
     * @param operand the router's operand evaluated, with what else its cases may see
     * @param testOf  each case's test: the case's own, or the one on its arguments translated into the contact's
     *                language
     */
    static Route evaluate(Router router, CaseInput operand, RandomGenerator random, Function<Case, CaseTest> testOf) {
        String input = operand.text();
        if (router.kind() == Router.Kind.RANDOM) {
            Category c = router.categories().get(random.nextInt(router.categories().size()));
            return new Route(c, input, input);
        }
        for (Case c : router.cases()) {
            Optional<String> match = testOf.apply(c).match(operand);
            if (match.isPresent()) return new Route(category(router, c.categoryUuid()), match.get(), input);
        }
        return new Route(category(router, router.defaultCategoryUuid()), input, input);
    }

    /** A wait that timed out goes down its timeout category with an empty value, as goflow does. */
    static Route timeout(Router router) {
        return new Route(category(router, router.waitFor().timeoutCategoryUuid()), "", "");
    }

    private static Category category(Router router, String uuid) {
        // Flow validation guarantees the category exists; a miss here is a bug, not bad input.
        return router.category(uuid).orElseThrow(() -> new IllegalStateException("router has no category " + uuid));
    }
}
