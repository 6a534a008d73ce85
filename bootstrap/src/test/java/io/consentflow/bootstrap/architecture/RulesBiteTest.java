package io.consentflow.bootstrap.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import io.consentflow.application.violation.ApplicationUsingJdbi;
import io.consentflow.domain.violation.DomainUsingJavalin;
import io.consentflow.domain.violation.DomainPrintingToConsole;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The rules are only worth something if they fail on a violation: run them on classes that break them. */
class RulesBiteTest {
    private static JavaClasses of(Class<?>... classes) {
        return new ClassFileImporter().importClasses(classes);
    }

    private static void bites(ArchRule rule, Class<?>... violators) {
        assertThrows(AssertionError.class, () -> rule.check(of(violators)),
                () -> "rule did not fail on its violation: " + rule.getDescription());
    }

    @Test
    void domainRuleRejectsAFrameworkInTheDomain() {
        bites(ArchitectureRules.DOMAIN_DEPENDS_ONLY_ON_JAVA, DomainUsingJavalin.class);
        bites(ArchitectureRules.JAVALIN_ONLY_IN_HTTP_AND_BOOTSTRAP, DomainUsingJavalin.class);
    }

    @Test
    void applicationRuleRejectsJdbi() {
        bites(ArchitectureRules.APPLICATION_DEPENDS_ONLY_ON_DOMAIN, ApplicationUsingJdbi.class);
        bites(ArchitectureRules.JDBI_ONLY_IN_PERSISTENCE_AND_BOOTSTRAP, ApplicationUsingJdbi.class);
    }

    @Test
    void consoleRulesRejectSystemOutAndPrintStackTrace() {
        bites(ArchitectureRules.NO_STANDARD_STREAMS, DomainPrintingToConsole.class);
        bites(ArchitectureRules.NO_PRINT_STACK_TRACE, DomainPrintingToConsole.class);
    }

    @Test
    void cycleRuleRejectsACycle() {
        bites(ArchitectureRules.NO_CYCLES_BETWEEN_LAYERS, DomainUsingJavalin.class, ApplicationUsingJdbi.class);
    }

    @Test
    void aCleanClassPasses() {
        assertDoesNotThrow(() -> ArchitectureRules.DOMAIN_DEPENDS_ONLY_ON_JAVA.check(
                of(io.consentflow.domain.contact.Phone.class)));
    }
}
