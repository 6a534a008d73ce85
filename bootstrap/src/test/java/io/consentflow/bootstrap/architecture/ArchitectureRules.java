package io.consentflow.bootstrap.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;

import java.util.List;
import java.util.Set;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The hexagon's boundaries as rules. Kept apart from the test that runs them so that {@code RulesBiteTest}
 * can run the very same rules on deliberately violating classes. Packages are named in full
 * ({@code io.consentflow.adapter.http..}), so a rule holds however an adapter arranges its sub-packages.
 */
final class ArchitectureRules {
    private ArchitectureRules() {
    }

    static final String DOMAIN = "io.consentflow.domain..";
    static final String APPLICATION = "io.consentflow.application..";
    static final String PORTS = "io.consentflow.application.port..";
    static final String INBOUND_PORTS = "io.consentflow.application.port.in..";
    static final String OUTBOUND_PORTS = "io.consentflow.application.port.out..";
    static final String HTTP = "io.consentflow.adapter.http..";
    static final String PERSISTENCE = "io.consentflow.adapter.persistence..";
    static final String ADAPTERS = "io.consentflow.adapter..";
    static final String BOOTSTRAP = "io.consentflow.bootstrap..";

    // ---- the domain: pure Java ----------------------------------------------------------------------------

    /**
     * The JDK packages the domain may use: values, collections, time as data, text. No {@code java.sql},
     * {@code java.net}, {@code java.io}, {@code java.nio}, no {@code java.util.concurrent}, no reflection (each
     * package is named exactly, sub-packages are not implied).
     */
    static final List<String> DOMAIN_JAVA_PACKAGES = List.of("java.lang", "java.util", "java.time", "java.math",
            "java.text", "java.util.regex", "java.util.function", "java.util.stream");

    /**
     * JDK classes outside those packages that the domain may use: the interface through which randomness is
     * injected (its factories are refused by {@link #RANDOMNESS_IS_INJECTED}).
     */
    static final Set<String> DOMAIN_JAVA_CLASSES = Set.of("java.util.random.RandomGenerator");

    static final ArchRule DOMAIN_USES_ONLY_ALLOWED_JAVA = classes().that().resideInAPackage(DOMAIN)
            .should().onlyDependOnClassesThat(resideInAPackage(DOMAIN)
                    .or(resideInAnyPackage(DOMAIN_JAVA_PACKAGES.toArray(String[]::new)))
                    .or(fullyQualifiedNameIn(DOMAIN_JAVA_CLASSES)))
            .because("the domain is pure Java: all consent rules and flow semantics, no framework, no I/O, no threads");

    /** Parts of {@code java.lang} that reach the process or its threads, not values. */
    static final Set<String> PROCESS_AND_THREADS = Set.of("java.lang.Thread", "java.lang.ThreadGroup",
            "java.lang.ThreadLocal", "java.lang.InheritableThreadLocal", "java.lang.Runtime", "java.lang.Process",
            "java.lang.ProcessBuilder", "java.lang.System");

    static final ArchRule DOMAIN_STARTS_NO_THREADS = noClasses().that().resideInAPackage(DOMAIN)
            .should().dependOnClassesThat(fullyQualifiedNameIn(PROCESS_AND_THREADS))
            .because("the domain computes; threads, the environment and the process belong to bootstrap");

    // ---- layers -------------------------------------------------------------------------------------------

    static final ArchRule APPLICATION_DEPENDS_ONLY_ON_DOMAIN = classes().that().resideInAPackage(APPLICATION)
            .should().onlyDependOnClassesThat().resideInAnyPackage(APPLICATION, DOMAIN, "java..")
            .because("use cases orchestrate the domain through ports, never through a technology");

    static final ArchRule ADAPTERS_REACH_APPLICATION_THROUGH_PORTS = noClasses().that().resideInAPackage(ADAPTERS)
            .should().dependOnClassesThat(resideInAPackage(APPLICATION).and(not(resideInAPackage(PORTS))))
            .because("an adapter drives use cases (port.in) and implements outbound ports (port.out); "
                    + "the services behind them are bootstrap's to wire");

    static final ArchRule INBOUND_PORTS_DO_NOT_SEE_OUTBOUND_PORTS = noClasses().that().resideInAPackage(INBOUND_PORTS)
            .should().dependOnClassesThat().resideInAPackage(OUTBOUND_PORTS)
            .because("a caller of a use case must not learn how the application stores or sends things");

    // ---- libraries ----------------------------------------------------------------------------------------

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

    // ---- adapters -----------------------------------------------------------------------------------------

    static final ArchRule HTTP_DOES_NOT_SEE_PERSISTENCE = noClasses().that().resideInAPackage(HTTP)
            .should().dependOnClassesThat().resideInAPackage(PERSISTENCE);

    static final ArchRule PERSISTENCE_DOES_NOT_SEE_HTTP = noClasses().that().resideInAPackage(PERSISTENCE)
            .should().dependOnClassesThat().resideInAPackage(HTTP);

    static final ArchRule ONLY_BOOTSTRAP_SEES_ADAPTERS = noClasses()
            .that().resideOutsideOfPackages(ADAPTERS, BOOTSTRAP)
            .should().dependOnClassesThat().resideInAPackage(ADAPTERS)
            .because("the core never knows its adapters; bootstrap wires them");

    /** The HTTP adapter's entry points, by fully qualified name; its DTOs, routes and provider clients stay inside. */
    static final Set<String> HTTP_ENTRY_POINTS = Set.of(
            "io.consentflow.adapter.http.HttpAdapter",
            "io.consentflow.adapter.http.HttpSettings",
            "io.consentflow.adapter.http.HttpUseCases",
            "io.consentflow.adapter.http.RequestObserver",
            "io.consentflow.adapter.http.Senders",
            "io.consentflow.adapter.http.provider.ProviderClient",
            "io.consentflow.adapter.http.provider.SenderSettings",
            "io.consentflow.adapter.http.webhook.Webhooks");

    /** The persistence adapter's entry points, by fully qualified name; its rows and statements stay inside. */
    static final Set<String> PERSISTENCE_ENTRY_POINTS = Set.of(
            "io.consentflow.adapter.persistence.PersistenceAdapter",
            "io.consentflow.adapter.persistence.Migrations");

    static final ArchRule HTTP_TYPES_STAY_IN_ADAPTER = noClasses().that().resideOutsideOfPackage(HTTP)
            .should().dependOnClassesThat(resideInAPackage(HTTP).and(not(fullyQualifiedNameIn(HTTP_ENTRY_POINTS))))
            .because("outside the HTTP adapter only its entry points are visible");

    static final ArchRule PERSISTENCE_TYPES_STAY_IN_ADAPTER = noClasses().that().resideOutsideOfPackage(PERSISTENCE)
            .should().dependOnClassesThat(resideInAPackage(PERSISTENCE)
                    .and(not(fullyQualifiedNameIn(PERSISTENCE_ENTRY_POINTS))))
            .because("outside the persistence adapter only its entry points are visible");

    // ---- cycles -------------------------------------------------------------------------------------------

    static final ArchRule NO_CYCLES_BETWEEN_LAYERS = slices().matching("io.consentflow.(*)..").should().beFreeOfCycles();
    static final ArchRule NO_CYCLES_IN_DOMAIN = slices().matching("io.consentflow.domain.(*)..").should().beFreeOfCycles();
    static final ArchRule NO_CYCLES_IN_APPLICATION = slices().matching("io.consentflow.application.(**)").should().beFreeOfCycles();
    static final ArchRule NO_CYCLES_BETWEEN_ADAPTERS = slices().matching("io.consentflow.adapter.(*)..").should().beFreeOfCycles();

    // ---- time and randomness are injected -----------------------------------------------------------------

    /**
     * Reading the wall clock: {@code now()} of any {@code java.time} type unless given a {@code Clock},
     * {@code Clock.system*}, {@code System.currentTimeMillis}. Calls and method references alike.
     */
    static final DescribedPredicate<JavaAccess<?>> READS_THE_WALL_CLOCK = describe("the wall clock ("
            + "java.time's now() without a Clock, Clock.system*, System.currentTimeMillis)", access -> {
        AccessTarget target = access.getTarget();
        String owner = target.getOwner().getName();
        String name = target.getName();
        if (owner.startsWith("java.time.") && name.equals("now")) {
            return !parameterTypes(target).equals(List.of("java.time.Clock"));
        }
        return owner.equals("java.time.Clock") && name.startsWith("system")
                || owner.equals("java.lang.System") && name.equals("currentTimeMillis");
    });

    /**
     * Drawing on a randomness source nobody injected: {@code UUID.randomUUID}, {@code ThreadLocalRandom},
     * {@code Math.random}, an unseeded {@code Random} / {@code SplittableRandom}, any {@code SecureRandom}, and
     * {@code RandomGenerator}'s own factories. Calls, constructor calls and references alike.
     */
    static final DescribedPredicate<JavaAccess<?>> DRAWS_UNINJECTED_RANDOMNESS = describe("randomness nobody "
            + "injected (UUID.randomUUID, ThreadLocalRandom, Math.random, new Random(), new SplittableRandom(), "
            + "SecureRandom, RandomGenerator.of/getDefault, RandomGeneratorFactory)", access -> {
        AccessTarget target = access.getTarget();
        String owner = target.getOwner().getName();
        String name = target.getName();
        boolean constructor = name.equals("<init>");
        boolean noArguments = parameterTypes(target).isEmpty();
        return owner.equals("java.util.UUID") && name.equals("randomUUID")
                || owner.equals("java.util.concurrent.ThreadLocalRandom")
                || owner.equals("java.lang.Math") && name.equals("random")
                || owner.equals("java.lang.StrictMath") && name.equals("random")
                || (owner.equals("java.util.Random") || owner.equals("java.util.SplittableRandom"))
                        && constructor && noArguments
                || owner.equals("java.security.SecureRandom")
                || owner.equals("java.util.random.RandomGenerator") && (name.equals("of") || name.equals("getDefault"))
                || owner.equals("java.util.random.RandomGeneratorFactory");
    });

    static final ArchRule TIME_IS_INJECTED = noClasses().that().resideOutsideOfPackage(BOOTSTRAP)
            .should().accessTargetWhere(READS_THE_WALL_CLOCK)
            .because("time is a Clock handed in by bootstrap, so tests and embedding hosts control it");

    static final ArchRule RANDOMNESS_IS_INJECTED = noClasses().that().resideOutsideOfPackage(BOOTSTRAP)
            .should().accessTargetWhere(DRAWS_UNINJECTED_RANDOMNESS)
            .because("ids and random choices come from sources bootstrap hands in, so tests can fix them");

    // ---- general coding rules -----------------------------------------------------------------------------

    static final ArchRule NO_STANDARD_STREAMS = NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
    static final ArchRule NO_JAVA_UTIL_LOGGING = NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;
    static final ArchRule NO_GENERIC_EXCEPTIONS = NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;

    static final ArchRule NO_PRINT_STACK_TRACE = noClasses().should()
            .callMethodWhere(describe("printStackTrace on any throwable",
                    call -> call.getTarget().getName().equals("printStackTrace")))
            .because("errors go to the log, never to the console");

    private static List<String> parameterTypes(AccessTarget target) {
        return target instanceof AccessTarget.CodeUnitAccessTarget codeUnit
                ? codeUnit.getRawParameterTypes().stream().map(JavaClass::getName).toList()
                : List.of();
    }

    private static DescribedPredicate<JavaClass> fullyQualifiedNameIn(Set<String> names) {
        return describe("one of " + names.stream().sorted().toList(), c -> names.contains(c.getName()));
    }
}
