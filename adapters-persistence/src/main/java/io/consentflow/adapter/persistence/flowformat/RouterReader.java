package io.consentflow.adapter.persistence.flowformat;

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

    static Router read(Fields r) {
        String type = r.id("type");
        Router.Kind kind;
        if ("switch".equals(type)) {
            kind = Router.Kind.SWITCH;
        } else if ("random".equals(type)) {
            kind = Router.Kind.RANDOM;
        } else {
            throw new InvalidFlowException(r.path("type"), "unknown router type '" + type + "'");
        }
        String operand = r.text("operand");
        if (kind == Router.Kind.SWITCH && (operand == null || operand.isBlank())) {
            throw new InvalidFlowException(r.path("operand"), "a switch router needs an operand");
        }
        List<Case> cases = new ArrayList<>();
        for (Fields c : r.objects("cases")) cases.add(readCase(c));
        List<Category> categories = new ArrayList<>();
        for (Fields c : r.objects("categories")) {
            categories.add(new Category(c.id("uuid"), c.text("name"), c.id("exit_uuid")));
        }
        return new Router(kind, operand, cases, categories, r.text("default_category_uuid"),
                readWait(r.optionalObject("wait")), r.optionalNonBlank("result_name"));
    }

    private static Case readCase(Fields c) {
        String uuid = c.id("uuid");
        String type = c.id("type");
        List<String> arguments = c.strings("arguments");
        String category = c.id("category_uuid");
        try {
            return new Case(uuid, CaseTypes.of(type, arguments), category);
        } catch (InvalidFlowException e) {
            // the case tests know what is wrong, not where
            throw new InvalidFlowException(c.where(), e.detail());
        }
    }

    private static Wait readWait(Fields w) {
        if (w == null) return null;
        String type = w.id("type");
        if (!"msg".equals(type)) throw new InvalidFlowException(w.path("type"), "unsupported wait type '" + type + "'");
        Fields timeout = w.optionalObject("timeout");
        if (timeout == null) return new Wait(null, null);
        Integer seconds = timeout.integer("seconds");
        if (seconds == null || seconds <= 0) {
            throw new InvalidFlowException(timeout.path("seconds"), "must be a positive number of seconds");
        }
        return new Wait(seconds, timeout.id("category_uuid"));
    }
}
