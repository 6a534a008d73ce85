package io.consentflow.adapter.persistence.flowformat;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentflow.domain.flow.InvalidFlowException;
import io.consentflow.domain.flow.router.Case;
import io.consentflow.domain.flow.router.Category;
import io.consentflow.domain.flow.router.Router;
import io.consentflow.domain.flow.router.Wait;

import java.util.ArrayList;
import java.util.List;

/** A node's router: {@code switch} (cases on an operand) or {@code random}, with an optional {@code msg} wait. */
final class RouterReader {
    private RouterReader() {
    }

    static Router read(JsonNode item, String at) {
        Goflow.Router r = Bind.as(item, at, Goflow.Router.class);
        String type = Bind.id(r.type(), at + ".type");
        Router.Kind kind;
        if ("switch".equals(type)) {
            kind = Router.Kind.SWITCH;
        } else if ("random".equals(type)) {
            kind = Router.Kind.RANDOM;
        } else {
            throw new InvalidFlowException(at + ".type", "unknown router type '" + type + "'");
        }
        String operand = r.operand();
        if (kind == Router.Kind.SWITCH && (operand == null || operand.isBlank())) {
            throw new InvalidFlowException(at + ".operand", "a switch router needs an operand");
        }
        List<Case> cases = new ArrayList<>();
        List<Goflow.Case> read = Bind.each(r.cases(), at + ".cases", Goflow.Case.class);
        for (int i = 0; i < read.size(); i++) cases.add(readCase(read.get(i), at + ".cases[" + i + "]"));
        List<Category> categories = new ArrayList<>();
        List<Goflow.Category> named = Bind.each(r.categories(), at + ".categories", Goflow.Category.class);
        for (int i = 0; i < named.size(); i++) {
            Goflow.Category c = named.get(i);
            String where = at + ".categories[" + i + "]";
            categories.add(new Category(Bind.id(c.uuid(), where + ".uuid"), c.name(),
                    Bind.id(c.exit_uuid(), where + ".exit_uuid")));
        }
        return new Router(kind, operand, cases, categories, r.default_category_uuid(),
                readWait(Bind.optional(r.waitFor(), at + ".wait", Goflow.Wait.class), at + ".wait"),
                Bind.nonBlank(r.result_name()));
    }

    private static Case readCase(Goflow.Case c, String at) {
        String uuid = Bind.id(c.uuid(), at + ".uuid");
        String type = Bind.id(c.type(), at + ".type");
        List<String> arguments = Bind.orEmpty(c.arguments());
        String category = Bind.id(c.category_uuid(), at + ".category_uuid");
        try {
            return new Case(uuid, CaseTypes.of(type, arguments), category);
        } catch (InvalidFlowException e) {
            // the case types know what is wrong, not where
            throw new InvalidFlowException(at, e.detail());
        }
    }

    private static Wait readWait(Goflow.Wait w, String at) {
        if (w == null) return null;
        String type = Bind.id(w.type(), at + ".type");
        if (!"msg".equals(type)) throw new InvalidFlowException(at + ".type", "unsupported wait type '" + type + "'");
        Goflow.Timeout timeout = Bind.optional(w.timeout(), at + ".timeout", Goflow.Timeout.class);
        if (timeout == null) return new Wait(null, null);
        Integer seconds = timeout.seconds();
        String expression = timeout.expression() == null || timeout.expression().isBlank() ? null : timeout.expression();
        if (expression == null && (seconds == null || seconds <= 0)) {
            throw new InvalidFlowException(at + ".timeout.seconds", "must be a positive number of seconds");
        }
        if (expression != null && seconds != null && seconds < 0) {
            throw new InvalidFlowException(at + ".timeout.seconds", "must be a positive number of seconds");
        }
        return new Wait(seconds, Bind.id(timeout.category_uuid(), at + ".timeout.category_uuid"), expression);
    }
}
