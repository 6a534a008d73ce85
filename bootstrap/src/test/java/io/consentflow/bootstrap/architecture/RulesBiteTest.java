package io.consentflow.bootstrap.architecture;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.consentflow.adapter.http.allowed.AdapterDrivingAUseCase;
import io.consentflow.adapter.http.violation.AdapterCallingAService;
import io.consentflow.adapter.http.violation.HttpSeeingPersistence;
import io.consentflow.adapter.persistence.violation.PersistenceSeeingHttp;
import io.consentflow.application.allowed.ApplicationUsingInjectedTimeAndRandomness;
import io.consentflow.application.port.in.violation.UseCaseReturningAnOutboundType;
import io.consentflow.application.violation.ApplicationDrawingRandomness;
import io.consentflow.application.violation.ApplicationInACycle;
import io.consentflow.application.violation.ApplicationLoggingWithJul;
import io.consentflow.application.violation.ApplicationMapping;
import io.consentflow.application.violation.ApplicationMigrating;
import io.consentflow.application.violation.ApplicationOpeningConnections;
import io.consentflow.application.violation.ApplicationReadingTheClock;
import io.consentflow.application.violation.ApplicationSeeingAnAdapter;
import io.consentflow.application.violation.ApplicationThrowingGenerically;
import io.consentflow.application.violation.ApplicationUsingJdbi;
import io.consentflow.application.violation.cycle.ApplicationPeer;
import io.consentflow.bootstrap.allowed.BootstrapWiring;
import io.consentflow.bootstrap.violation.BootstrapSeeingHttpInternals;
import io.consentflow.bootstrap.violation.BootstrapSeeingPersistenceInternals;
import io.consentflow.domain.allowed.DomainUsingItsJava;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.cycle.DomainPeer;
import io.consentflow.domain.violation.DomainInACycle;
import io.consentflow.domain.violation.DomainPrintingStackTraces;
import io.consentflow.domain.violation.DomainPrintingToConsole;
import io.consentflow.domain.violation.DomainStartingAThread;
import io.consentflow.domain.violation.DomainUsingJavalin;
import io.consentflow.domain.violation.DomainUsingJdkOutsideItsAllowlist;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.consentflow.bootstrap.architecture.ArchitectureRules.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rules are only worth something if they fail on a violation: every rule in {@link ArchitectureRules} is run
 * on a class that breaks it (in the {@code violation} packages of this module's tests) and must name each thing
 * that class does wrong; the precise rules also pass on classes that come close without breaking them
 * ({@code allowed} packages). A rule added without its violating class fails {@link #everyRuleBites}.
 */
class RulesBiteTest {
    /** A rule, the classes that break it, and what its report must name. */
    record Bite(ArchRule rule, List<Class<?>> violators, List<String> named) {
        @Override
        public String toString() {
            return NAMES.get(rule);
        }
    }

    private static final Map<ArchRule, String> NAMES = rulesByName();

    static Stream<Bite> bites() {
        return Stream.of(
                bite(DOMAIN_USES_ONLY_ALLOWED_JAVA, List.of(DomainUsingJdkOutsideItsAllowlist.class,
                        DomainUsingJavalin.class), "java.sql.Connection", "java.net.URI", "java.io.File",
                        "java.nio.file.Path", "java.util.concurrent.ConcurrentHashMap", "java.lang.reflect.Method",
                        "io.javalin.http.Context"),
                bite(DOMAIN_STARTS_NO_THREADS, List.of(DomainStartingAThread.class),
                        "java.lang.Thread.start()", "java.lang.ThreadLocal", "java.lang.System.getenv"),
                bite(APPLICATION_DEPENDS_ONLY_ON_DOMAIN, List.of(ApplicationUsingJdbi.class), "org.jdbi.v3.core.Jdbi"),
                bite(ADAPTERS_REACH_APPLICATION_THROUGH_PORTS, List.of(AdapterCallingAService.class),
                        "io.consentflow.application.service.violation.SomeService.run()"),
                bite(INBOUND_PORTS_DO_NOT_SEE_OUTBOUND_PORTS, List.of(UseCaseReturningAnOutboundType.class),
                        "io.consentflow.application.port.out.violation.OutboundRecord"),
                bite(JAVALIN_ONLY_IN_HTTP_AND_BOOTSTRAP, List.of(DomainUsingJavalin.class), "io.javalin.http.Context"),
                bite(JDBI_ONLY_IN_PERSISTENCE_AND_BOOTSTRAP, List.of(ApplicationUsingJdbi.class), "org.jdbi.v3.core.Jdbi"),
                bite(POSTGRES_DRIVER_ONLY_IN_PERSISTENCE_AND_BOOTSTRAP, List.of(ApplicationOpeningConnections.class),
                        "com.zaxxer.hikari.HikariDataSource", "org.postgresql.PGConnection"),
                bite(FLYWAY_ONLY_IN_PERSISTENCE_AND_BOOTSTRAP, List.of(ApplicationMigrating.class),
                        "org.flywaydb.core.Flyway"),
                bite(MAPSTRUCT_ONLY_IN_ADAPTERS, List.of(ApplicationMapping.class), "org.mapstruct.Mapper"),
                bite(HTTP_DOES_NOT_SEE_PERSISTENCE, List.of(HttpSeeingPersistence.class),
                        PersistenceSeeingHttp.class.getName()),
                bite(PERSISTENCE_DOES_NOT_SEE_HTTP, List.of(PersistenceSeeingHttp.class),
                        HttpSeeingPersistence.class.getName()),
                bite(ONLY_BOOTSTRAP_SEES_ADAPTERS, List.of(ApplicationSeeingAnAdapter.class),
                        "io.consentflow.adapter.persistence.PersistenceAdapter"),
                // an internal type named like an entry point is still internal: the allowlists match full names
                bite(HTTP_TYPES_STAY_IN_ADAPTER, List.of(BootstrapSeeingHttpInternals.class),
                        "io.consentflow.adapter.http.violation.HttpAdapter"),
                bite(PERSISTENCE_TYPES_STAY_IN_ADAPTER, List.of(BootstrapSeeingPersistenceInternals.class),
                        "io.consentflow.adapter.persistence.violation.PersistenceAdapter"),
                bite(NO_CYCLES_BETWEEN_LAYERS, List.of(DomainUsingJavalin.class, ApplicationUsingJdbi.class),
                        "Cycle detected"),
                bite(NO_CYCLES_IN_DOMAIN, List.of(DomainInACycle.class, DomainPeer.class), "Cycle detected"),
                bite(NO_CYCLES_IN_APPLICATION, List.of(ApplicationInACycle.class, ApplicationPeer.class),
                        "Cycle detected"),
                bite(NO_CYCLES_BETWEEN_ADAPTERS, List.of(HttpSeeingPersistence.class, PersistenceSeeingHttp.class),
                        "Cycle detected"),
                bite(NO_STANDARD_STREAMS, List.of(DomainPrintingToConsole.class), "java.lang.System.out"),
                bite(NO_JAVA_UTIL_LOGGING, List.of(ApplicationLoggingWithJul.class),
                        "sets field <io.consentflow.application.violation.ApplicationLoggingWithJul.LOG>"),
                bite(NO_GENERIC_EXCEPTIONS, List.of(ApplicationThrowingGenerically.class),
                        "java.lang.RuntimeException.<init>"),
                bite(NO_PRINT_STACK_TRACE, List.of(DomainPrintingStackTraces.class),
                        "java.lang.Exception.printStackTrace()"),
                bite(TIME_IS_INJECTED, List.of(ApplicationReadingTheClock.class),
                        "calls method <java.time.Instant.now()>", "<java.time.LocalDate.now()>",
                        "<java.time.LocalDateTime.now(java.time.ZoneId)>", "<java.time.Clock.systemUTC()>",
                        "<java.time.Clock.systemDefaultZone()>", "calls method <java.lang.System.currentTimeMillis()>",
                        "references method <java.time.Instant.now()>",
                        "references method <java.lang.System.currentTimeMillis()>"),
                bite(RANDOMNESS_IS_INJECTED, List.of(ApplicationDrawingRandomness.class),
                        "calls method <java.util.UUID.randomUUID()>", "<java.util.concurrent.ThreadLocalRandom.current()>",
                        "<java.lang.Math.random()>", "calls constructor <java.util.Random.<init>()>",
                        "<java.util.SplittableRandom.<init>()>", "<java.security.SecureRandom.<init>()>",
                        "<java.util.random.RandomGenerator.getDefault()>",
                        "<java.util.random.RandomGeneratorFactory.getDefault()>",
                        "references method <java.util.UUID.randomUUID()>",
                        "references constructor <java.util.Random.<init>()>"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bites")
    void aRuleFailsOnItsViolationAndNamesIt(Bite bite) {
        EvaluationResult result = bite.rule().evaluate(new ClassFileImporter().importClasses(bite.violators()));
        String report = String.join("\n", result.getFailureReport().getDetails());
        assertTrue(result.hasViolation(), () -> NAMES.get(bite.rule()) + " did not fail on " + bite.violators());
        assertTrue(report.contains(bite.violators().get(0).getName()),
                () -> NAMES.get(bite.rule()) + " failed without naming " + bite.violators().get(0) + ":\n" + report);
        for (String named : bite.named()) {
            assertTrue(report.contains(named), () -> NAMES.get(bite.rule()) + " did not name " + named + ":\n" + report);
        }
    }

    @Test
    void everyRuleBites() {
        Set<String> bitten = bites().map(b -> NAMES.get(b.rule())).collect(Collectors.toSet());
        assertEquals(Set.copyOf(NAMES.values()), bitten, "rules without a violating class");
    }

    @Test
    void everyRuleRunsOnTheProduction() throws IllegalAccessException {
        Set<String> run = new java.util.HashSet<>();
        for (Field f : ArchitectureTest.class.getDeclaredFields()) {
            if (f.isAnnotationPresent(ArchTest.class)) run.add(NAMES.get((ArchRule) f.get(null)));
        }
        assertEquals(Set.copyOf(NAMES.values()), run, "rules ArchitectureTest does not run");
    }

    // ---- the precise rules pass on what comes close ---------------------------------------------------------

    @Test
    void theDomainMayUseItsJavaPackagesAnInjectedRandomSourceAndADigest() {
        passes(DOMAIN_USES_ONLY_ALLOWED_JAVA, DomainUsingItsJava.class, Phone.class);
        passes(DOMAIN_STARTS_NO_THREADS, DomainUsingItsJava.class, Phone.class);
    }

    @Test
    void anAdapterMayDriveAUseCase() {
        passes(ADAPTERS_REACH_APPLICATION_THROUGH_PORTS, AdapterDrivingAUseCase.class);
    }

    @Test
    void timeAndRandomnessMayBeInjectedOrSeededAnywhereAndMadeInBootstrap() {
        passes(TIME_IS_INJECTED, ApplicationUsingInjectedTimeAndRandomness.class, BootstrapWiring.class);
        passes(RANDOMNESS_IS_INJECTED, ApplicationUsingInjectedTimeAndRandomness.class, BootstrapWiring.class);
    }

    @Test
    void bootstrapMayWireTheAdaptersThroughTheirEntryPoints() {
        passes(HTTP_TYPES_STAY_IN_ADAPTER, BootstrapWiring.class);
        passes(PERSISTENCE_TYPES_STAY_IN_ADAPTER, BootstrapWiring.class);
        passes(ONLY_BOOTSTRAP_SEES_ADAPTERS, BootstrapWiring.class, ApplicationUsingInjectedTimeAndRandomness.class);
    }

    private static void passes(ArchRule rule, Class<?>... classes) {
        EvaluationResult result = rule.evaluate(new ClassFileImporter().importClasses(classes));
        assertFalse(result.hasViolation(), () -> NAMES.get(rule) + " failed on " + Arrays.toString(classes) + ":\n"
                + String.join("\n", result.getFailureReport().getDetails()));
    }

    private static Bite bite(ArchRule rule, List<Class<?>> violators, String... named) {
        return new Bite(rule, violators, List.of(named));
    }

    private static Map<ArchRule, String> rulesByName() {
        return Arrays.stream(ArchitectureRules.class.getDeclaredFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && ArchRule.class.isAssignableFrom(f.getType()))
                .collect(Collectors.toMap(RulesBiteTest::value, Field::getName, (a, b) -> a + "/" + b,
                        java.util.IdentityHashMap::new));
    }

    private static ArchRule value(Field f) {
        try {
            return (ArchRule) f.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(f.getName() + " cannot be read", e);
        }
    }
}
