package io.consentflow.bootstrap.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Runs every architecture rule over the production classes of all modules. */
@AnalyzeClasses(packages = "io.consentflow",
        importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.NoTestJars.class})
class ArchitectureTest {
    /**
     * Shared test helpers reach bootstrap in other modules' test-jars (under {@code mvn verify}, as packaged jars),
     * which {@link ImportOption.DoNotIncludeTests} does not recognise; they are test code, not production classes.
     */
    static final class NoTestJars implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar");
        }
    }

    @ArchTest static final ArchRule domain = ArchitectureRules.DOMAIN_USES_ONLY_ALLOWED_JAVA;
    @ArchTest static final ArchRule domainThreads = ArchitectureRules.DOMAIN_STARTS_NO_THREADS;
    @ArchTest static final ArchRule application = ArchitectureRules.APPLICATION_DEPENDS_ONLY_ON_DOMAIN;
    @ArchTest static final ArchRule throughPorts = ArchitectureRules.ADAPTERS_REACH_APPLICATION_THROUGH_PORTS;
    @ArchTest static final ArchRule portsApart = ArchitectureRules.INBOUND_PORTS_DO_NOT_SEE_OUTBOUND_PORTS;
    @ArchTest static final ArchRule javalin = ArchitectureRules.JAVALIN_ONLY_IN_HTTP_AND_BOOTSTRAP;
    @ArchTest static final ArchRule jdbi = ArchitectureRules.JDBI_ONLY_IN_PERSISTENCE_AND_BOOTSTRAP;
    @ArchTest static final ArchRule postgres = ArchitectureRules.POSTGRES_DRIVER_ONLY_IN_PERSISTENCE_AND_BOOTSTRAP;
    @ArchTest static final ArchRule flyway = ArchitectureRules.FLYWAY_ONLY_IN_PERSISTENCE_AND_BOOTSTRAP;
    @ArchTest static final ArchRule mapstruct = ArchitectureRules.MAPSTRUCT_ONLY_IN_ADAPTERS;
    @ArchTest static final ArchRule httpBlind = ArchitectureRules.HTTP_DOES_NOT_SEE_PERSISTENCE;
    @ArchTest static final ArchRule persistenceBlind = ArchitectureRules.PERSISTENCE_DOES_NOT_SEE_HTTP;
    @ArchTest static final ArchRule onlyBootstrapWires = ArchitectureRules.ONLY_BOOTSTRAP_SEES_ADAPTERS;
    @ArchTest static final ArchRule dtosStay = ArchitectureRules.HTTP_TYPES_STAY_IN_ADAPTER;
    @ArchTest static final ArchRule rowsStay = ArchitectureRules.PERSISTENCE_TYPES_STAY_IN_ADAPTER;
    @ArchTest static final ArchRule layersAcyclic = ArchitectureRules.NO_CYCLES_BETWEEN_LAYERS;
    @ArchTest static final ArchRule domainAcyclic = ArchitectureRules.NO_CYCLES_IN_DOMAIN;
    @ArchTest static final ArchRule applicationAcyclic = ArchitectureRules.NO_CYCLES_IN_APPLICATION;
    @ArchTest static final ArchRule adaptersAcyclic = ArchitectureRules.NO_CYCLES_BETWEEN_ADAPTERS;
    @ArchTest static final ArchRule timeInjected = ArchitectureRules.TIME_IS_INJECTED;
    @ArchTest static final ArchRule randomnessInjected = ArchitectureRules.RANDOMNESS_IS_INJECTED;
    @ArchTest static final ArchRule noConsole = ArchitectureRules.NO_STANDARD_STREAMS;
    @ArchTest static final ArchRule noJul = ArchitectureRules.NO_JAVA_UTIL_LOGGING;
    @ArchTest static final ArchRule noGenericExceptions = ArchitectureRules.NO_GENERIC_EXCEPTIONS;
    @ArchTest static final ArchRule noPrintStackTrace = ArchitectureRules.NO_PRINT_STACK_TRACE;
}
