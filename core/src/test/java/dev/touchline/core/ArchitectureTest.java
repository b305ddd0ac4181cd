package dev.touchline.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The dependency rule of the hexagon, checked on the compiled core. */
@AnalyzeClasses(
    packages = "dev.touchline.core",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule domainAndServicesUseNoJackson =
      noClasses()
          .that()
          .resideInAnyPackage(
              "dev.touchline.core.domain..",
              "dev.touchline.core.service..",
              "dev.touchline.core.port..",
              "dev.touchline.core.inmemory..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("com.fasterxml.jackson..");

  @ArchTest
  static final ArchRule coreUsesNoFrameworkOrVendorSdk =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.micronaut..",
              "software.amazon..",
              "com.amazonaws..",
              "com.google.inject..",
              "jakarta.inject..",
              "javax.inject..",
              "org.springframework..");

  @ArchTest
  static final ArchRule domainDependsOnNoOuterLayer =
      noClasses()
          .that()
          .resideInAPackage("dev.touchline.core.domain..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.touchline.core.port..", "dev.touchline.core.service..",
              "dev.touchline.core.inmemory..", "dev.touchline.core.wire..");

  @ArchTest
  static final ArchRule portsDependOnlyOnTheDomain =
      noClasses()
          .that()
          .resideInAPackage("dev.touchline.core.port..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.touchline.core.service..",
              "dev.touchline.core.inmemory..",
              "dev.touchline.core.wire..");

  @ArchTest
  static final ArchRule servicesKnowPortsNotAdapters =
      noClasses()
          .that()
          .resideInAPackage("dev.touchline.core.service..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.touchline.core.inmemory..", "dev.touchline.core.wire..");
}
