package org.yimatong.hub.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The hub's capabilities depend on each other one way only, and the contract module never on the hub. */
@AnalyzeClasses(packages = "org.yimatong", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    @ArchTest
    static final ArchRule capabilitiesHaveNoCycles = slices().matching("org.yimatong.hub.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule theContractKnowsNothingOfItsImplementations = noClasses()
            .that().resideInAPackage("org.yimatong.schemas..")
            .should().dependOnClassesThat().resideInAnyPackage("org.yimatong.hub..", "org.yimatong.tokens..",
                    "org.yimatong.adapters..", "io.quarkus..", "org.apache.camel..");

    @ArchTest
    static final ArchRule onlyTheStartupCodeKnowsTheEmbeddedDatabase = noClasses()
            .that().resideOutsideOfPackages("org.yimatong.hub", "org.yimatong.hub.database")
            .should().dependOnClassesThat().resideInAPackage("io.zonky..");
}
