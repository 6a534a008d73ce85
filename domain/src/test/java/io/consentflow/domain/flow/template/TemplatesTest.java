package io.consentflow.domain.flow.template;

import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.fixtures.Fixtures;
import io.consentflow.domain.flow.run.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class TemplatesTest {
    private static TemplateContext context() {
        Contact c = Fixtures.contact();
        c.changeLanguage("hin");
        c.setField("district", "Pune");
        c.setField("age_group", "18-25");
        RunResult r = new RunResult("Opt In", "👍", "optin", "👍 yes", "n1", Fixtures.NOW);
        RunResult hindi = new RunResult("नाम", "आशा", null, "आशा", "n2", Fixtures.NOW);
        return new TemplateContext(c, Map.of(RunResult.key(r.name()), r, RunResult.key(hindi.name()), hindi),
                "hello there", "completed");
    }

    @ParameterizedTest(name = "''{0}'' -> ''{1}''")
    @CsvSource(delimiter = '|', emptyValue = "", value = {
            "Hi @contact.name!| Hi Asha!",
            "Hi @contact.name.| Hi Asha.",
            "Hi @contact| Hi Asha",
            "@Contact.Name| Asha",
            "@contact.first_name| Asha",
            "@contact.phone| 919917443994",
            "@contact.language| hin",
            "@contact.fields.district| Pune",
            "@contact.district| Pune",
            "@contact.AGE_GROUP| 18-25",
            "@results.opt_in| 👍",
            "@results.Opt_In.value| 👍",
            "@results.opt_in.category| optin",
            "@results.opt_in.input| 👍 yes",
            "@input.text| hello there",
            "नमस्ते @results.नाम!| नमस्ते आशा!",
            "@input| hello there",
            "status=@child.run.status| status=completed",
            "mail a@b.com| mail a@b.com",
            "x@contact.name| x@contact.name",
            "100 @@ 2| 100 @ 2",
            "@@contact.name| @contact.name",
            "@(upper(contact.name))| ASHA",
            "@results| {opt_in: 👍, नाम: आशा}",
            "@contact.fields| {age_group: 18-25, district: Pune}",
            "@child.status| completed",
            "@fields.district / @fields.missing.| Pune / .",
            "@date.now| @date.now",
            "a @ b| a @ b",
            "ends with @| ends with @",
            "no refs| no refs",
    })
    void rendersReferences(String template, String expected) {
        assertEquals(expected, Templates.render(template, context()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[@contact.fields.missing]", "[@contact.missing]", "[@results.missing]", "[@results.opt_in.nope]",
            "[@input.other]", "[@contact.name.more]", "[@(1 / 0)]", "[@(upper(1,))]",
    })
    void unknownReferencesRenderEmpty(String template) {
        assertEquals("[]", Templates.render(template, context()));
    }

    @Test
    void missingContextRendersEmpty() {
        TemplateContext empty = new TemplateContext(null, null, null, null);
        assertEquals("[][][]", Templates.render("[@contact.name][@input][@results.x]", empty));
        assertEquals("", Templates.render(null, empty));
        assertNull(Templates.renderOrNull(null, empty));
        assertEquals("x", Templates.renderOrNull("x", empty));
    }
}
