package io.consentflow.bootstrap.architecture;

import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The hexagon's boundaries as rules. Kept apart from the test that runs them so that {@code RulesBiteTest}
 * can run the very same rules on deliberately violating classes.
 */
final class ArchitectureRules {
    private ArchitectureRules() {
    }

    static final String DOMAIN = "io.consentflow.domain..";
    static final String APPLICATION = "io.consentflow.application..";
    static final String HTTP = "io.consentflow.adapter.http..";
    static final String PERSISTENCE = "io.consentflow.adapter.persistence..";
    static final String ADAPTERS = "io.consentflow.adapter..";
    static final String BOOTSTRAP = "io.consentflow.bootstrap..";

    static final ArchRule DOMAIN_DEPENDS_ONLY_ON_JAVA = classes().that().resideInAPackage(DOMAIN)
            .should().onlyDependOnClassesThat().resideInAnyPackage(DOMAIN, "java..")
            .because("the domain is pure Java: all consent rules and flow semantics, no framework");

    static final ArchRule APPLICATION_DEPENDS_ONLY_ON_DOMAIN = classes().that().resideInAPackage(APPLICATION)
            .should().onlyDependOnClassesThat().resideInAnyPackage(APPLICATION, DOMAIN, "java..")
            .because("use cases orchestrate the domain through ports, never through a technology");

    static final ArchRule JAVALIN_ONLY_IN_HTTP_AND_BOOTSTRAP = noClasses()
            .that().resideOutsideOfPackages(HTTP, BOOTSTRAP)
            .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.eclipse.jetty..", "jakarta.servlet..")
            .because("only the HTTP adapter and the composition root know the web server");

    static final ArchRule JDBI_ONLY_IN_PERSISTENCE_AND_BOOTSTRAP = noClasses()
            .that().resideOutsideOfPackages(PERSISTENCE, BOOTSTRAP)
            .should().dependOnClassesThat().resideInAnyPackage("org.jdbi..")
            .because("only the persistence adapter talks SQL");

    static final ArchRule POSTGRES_DRIVER_ONLY_IN_PERSISTENCE_AND_BOOTSTRAP = noClasses()
            .that().resideOutsideOfPackages(PERSISTENCE, BOOTSTRAP)
            .should().dependOnClassesThat().resideInAnyPackage("org.postgresql..", "io.zonky..", "com.zaxxer..");

    static final ArchRule FLYWAY_ONLY_IN_PERSISTENCE_AND_BOOTSTRAP = noClasses()
            .that().resideOutsideOfPackages(PERSISTENCE, BOOTSTRAP)
            .should().dependOnClassesThat().resideInAnyPackage("org.flywaydb..");

    static final ArchRule MAPSTRUCT_ONLY_IN_ADAPTERS = noClasses()
            .that().resideOutsideOfPackage(ADAPTERS)
            .should().dependOnClassesThat().resideInAnyPackage("org.mapstruct..")
            .because("mapping between rows/DTOs and the domain is an adapter's job");

    static final ArchRule HTTP_DOES_NOT_SEE_PERSISTENCE = noClasses().that().resideInAPackage(HTTP)
            .should().dependOnClassesThat().resideInAPackage(PERSISTENCE);

    static final ArchRule PERSISTENCE_DOES_NOT_SEE_HTTP = noClasses().that().resideInAPackage(PERSISTENCE)
            .should().dependOnClassesThat().resideInAPackage(HTTP);

    static final ArchRule ONLY_BOOTSTRAP_SEES_ADAPTERS = noClasses()
            .that().resideOutsideOfPackages(ADAPTERS, BOOTSTRAP)
            .should().dependOnClassesThat().resideInAPackage(ADAPTERS)
            .because("the core never knows its adapters; bootstrap wires them");

    /** The HTTP adapter's entry points; its DTOs, routes and provider clients stay inside. */
    static final java.util.Set<String> HTTP_ENTRY_POINTS = java.util.Set.of("HttpAdapter", "HttpSettings", "Senders",
            "SenderSettings");

    /** DTO records stay in the HTTP adapter: outside it, only its entry points are visible. */
    static final ArchRule HTTP_TYPES_STAY_IN_ADAPTER = noClasses().that().resideOutsideOfPackage(HTTP)
            .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                    "HTTP adapter types other than its entry points " + HTTP_ENTRY_POINTS,
                    c -> c.getPackageName().startsWith("io.consentflow.adapter.http")
                            && !HTTP_ENTRY_POINTS.contains(c.getSimpleName())));

    /** Row types stay in the persistence adapter: outside it, only its entry points are visible. */
    static final ArchRule PERSISTENCE_TYPES_STAY_IN_ADAPTER = noClasses().that().resideOutsideOfPackage(PERSISTENCE)
            .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                    "persistence adapter types other than PersistenceAdapter and Migrations",
                    c -> c.getPackageName().startsWith("io.consentflow.adapter.persistence")
                            && !c.getSimpleName().equals("PersistenceAdapter") && !c.getSimpleName().equals("Migrations")));

    static final ArchRule NO_CYCLES_BETWEEN_LAYERS = slices().matching("io.consentflow.(*)..").should().beFreeOfCycles();
    static final ArchRule NO_CYCLES_IN_DOMAIN = slices().matching("io.consentflow.domain.(*)..").should().beFreeOfCycles();
    static final ArchRule NO_CYCLES_IN_APPLICATION = slices().matching("io.consentflow.application.(**)").should().beFreeOfCycles();
    static final ArchRule NO_CYCLES_BETWEEN_ADAPTERS = slices().matching("io.consentflow.adapter.(*)..").should().beFreeOfCycles();

    static final ArchRule NO_STANDARD_STREAMS = NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
    static final ArchRule NO_JAVA_UTIL_LOGGING = NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;
    static final ArchRule NO_GENERIC_EXCEPTIONS = NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;

    static final ArchRule NO_PRINT_STACK_TRACE = noClasses().should()
            .callMethodWhere(com.tngtech.archunit.base.DescribedPredicate.describe("printStackTrace on any throwable",
                    call -> call.getTarget().getName().equals("printStackTrace")))
            .because("errors go to the log, never to the console");
}
