package io.consentflow.adapter.http.support;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.consentflow.application.port.InputText;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a refused binding of a request body to a record means to the caller: a 400 whose {@code field} is the
 * dotted path Jackson followed ({@code template.params[0]}) and whose detail says what the field must be, in our
 * words (Jackson's own name its classes and settings).
 */
final class BodyBinding {
    private BodyBinding() {
    }

    static ProblemException problem(JsonMappingException e) {
        String field = path(e.getPath());
        if (field.isEmpty()) return ProblemException.badRequest("body", "the request body must be a JSON object");
        if (e instanceof UnrecognizedPropertyException unknown) {
            return ProblemException.badRequest(field, "unknown field " + InputText.quoted(field) + "; this body takes "
                    + known(unknown));
        }
        if (e instanceof Unstorable unstorable) {
            return ProblemException.badRequest(field, field + " must not contain " + unstorable.problem);
        }
        if (e instanceof InvalidNullException) return ProblemException.badRequest(field, field + " must be a string");
        if (e instanceof MismatchedInputException mismatch) {
            return ProblemException.badRequest(field, field + " must be " + expected(mismatch.getTargetType()));
        }
        return ProblemException.badRequest(field, field + " cannot be read");
    }

    /** {@code a.b[0].c}, as the refusals of admin bodies have always named fields. */
    private static String path(List<JsonMappingException.Reference> path) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference r : path) {
            if (r.getFieldName() != null) out.append(out.isEmpty() ? "" : ".").append(r.getFieldName());
            else if (r.getIndex() >= 0) out.append('[').append(r.getIndex()).append(']');
        }
        return out.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) return "of another type";
        if (type == String.class) return "a string";
        if (type == Boolean.class || type == boolean.class) return "true or false";
        if (Collection.class.isAssignableFrom(type)) return "an array of strings";
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) return "a number";
        return "an object";
    }

    /** The fields the body takes, in the record's order. */
    private static String known(UnrecognizedPropertyException e) {
        Class<?> type = e.getReferringClass();
        if (type != null && type.isRecord()) {
            return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
                    .collect(Collectors.joining(", "));
        }
        return e.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }


    /** Every string bound from a request body must be storable; its field is named by the path Jackson adds. */
    static final class StorableStrings extends StdScalarDeserializer<String> {
        private static final long serialVersionUID = 1L;

        StorableStrings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = StringDeserializer.instance.deserialize(p, ctxt);
            String problem = InputText.unstorable(text);
            if (problem != null) throw new Unstorable(p, problem);
            return text;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }
    }

    /** A string PostgreSQL cannot store as it is. */
    static final class Unstorable extends JsonMappingException {
        private static final long serialVersionUID = 1L;
        private final String problem;

        Unstorable(JsonParser p, String problem) {
            super(p, "text that cannot be stored: " + problem);
            this.problem = problem;
        }
    }
}
