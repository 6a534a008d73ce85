package io.consentflow.adapter.persistence.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.EnumFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.consentflow.domain.flow.run.RunResult;
import io.consentflow.domain.message.OutboundContent;

import java.util.Map;

/**
 * The persistence adapter's one Jackson mapper (thread-safe, built once), for the JSON it stores and for the flow
 * format it reads. What differs between the two is asked of {@link ObjectMapper#reader()} and
 * {@link ObjectMapper#writer()} variants where it is used (the flow format's strict parsing, a closed object); what
 * only a mapper can hold is set here, once, and suits both:
 * <ul>
 *   <li>field names in snake case, the names of the stored columns' JSON and of the flow editor's alike (a flow
 *       record whose JSON name is not snake case says so with {@code @JsonProperty});</li>
 *   <li>enums in lower case, instants as ISO-8601 text, {@link OutboundContent} tagged by {@code kind}: the stored
 *       shapes (the flow format binds no enum, instant or content);</li>
 *   <li>values bound as typed: {@code "60"} is no number, {@code 5} no text, {@code 1.5} no whole number and
 *       {@code ""} no value. An import is refused for a value of another type; a stored value is always written
 *       with its own type, so reading it back never needs a coercion;</li>
 *   <li>unknown fields are skipped unless a reader refuses them: the flow editor writes much we do not read.</li>
 * </ul>
 * Jackson's annotations stay out of the domain: the content's tags are attached here as a mix-in.
 */
public final class AdapterJson {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .addMixIn(OutboundContent.class, OutboundContentKinds.class)
            .addMixIn(RunResult.class, RunResultExtra.class)
            .configure(EnumFeature.WRITE_ENUMS_TO_LOWERCASE, true)
            .configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS, true)
            .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false)
            .configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false)
            .withCoercionConfig(LogicalType.Textual, text -> {
                for (CoercionInputShape scalar : new CoercionInputShape[] {
                        CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean}) {
                    text.setCoercion(scalar, CoercionAction.Fail);
                }
            })
            .withCoercionConfigDefaults(any -> any.setAcceptBlankAsEmpty(false)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
            .build();

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = OutboundContent.Text.class, name = "text"),
            @JsonSubTypes.Type(value = OutboundContent.InteractiveContent.class, name = "interactive"),
            @JsonSubTypes.Type(value = OutboundContent.Template.class, name = "template"),
            @JsonSubTypes.Type(value = OutboundContent.MediaContent.class, name = "media")})
    private interface OutboundContentKinds {
    }

    /** A result's {@code extra} (a webhook's fields) only when it has some: stored results keep their shape. */
    private interface RunResultExtra {
        @JsonInclude(JsonInclude.Include.NON_NULL)
        Map<String, String> extra();
    }

    private AdapterJson() {
    }
}
