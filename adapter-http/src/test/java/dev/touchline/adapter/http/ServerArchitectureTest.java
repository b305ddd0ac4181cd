package dev.touchline.adapter.http;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.touchline.core.wire.ApiRequest;
import dev.touchline.core.wire.TouchlineApi;
import org.junit.jupiter.api.Test;

/**
 * The server's layout: the store a process picks lives apart from the HTTP layer and knows no
 * framework; the controllers reach the engine through its typed resources only.
 */
class ServerArchitectureTest {
  private static final JavaClasses SERVER =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.touchline.adapter.http");

  @Test
  void theStorePackage_usesNoFrameworkAndNothingOfTheServer() {
    noClasses()
        .that()
        .resideInAPackage("dev.touchline.adapter.http.store..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.micronaut..", "jakarta..", "io.netty..")
        .orShould()
        .dependOnClassesThat()
        .resideInAPackage("dev.touchline.adapter.http")
        .check(SERVER);
  }

  @Test
  void controllers_callTheEnginesResources_notItsRouter() {
    noClasses()
        .that()
        .haveSimpleNameEndingWith("Controller")
        .should()
        .callMethod(TouchlineApi.class, "handle", ApiRequest.class)
        .check(SERVER);
  }
}
