package dev.sipbridge.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps the hexagon's walls: core pure, SDKs inside their adapters, Dagger in the app. */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // bridge-core's test-jar (the store contract) is a jar, so the option above misses it
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("dev.sipbridge");
  }

  @Test
  void core_dependsOnlyOnTheJdkAndJackson() {
    classes()
        .that()
        .resideInAPackage("dev.sipbridge.core..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "dev.sipbridge.core..", "com.fasterxml.jackson..")
        .check(classes);
  }

  @Test
  void jackson_onlyWhereCoreReadsOrWritesJson() {
    noClasses()
        .that()
        .resideInAPackage("dev.sipbridge.core..")
        .and()
        .resideOutsideOfPackages(
            "dev.sipbridge.core.tool..",
            "dev.sipbridge.core.realtime..",
            "dev.sipbridge.core.sink..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.fasterxml.jackson..")
        .check(classes);
  }

  @Test
  void fakes_areUsedOnlyByThemselvesAndTheApp() {
    noClasses()
        .that()
        .resideOutsideOfPackages("dev.sipbridge.core.fake..", "dev.sipbridge.app..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.sipbridge.core.fake..")
        .check(classes);
  }

  @Test
  void coreAreas_haveNoCycles() {
    slices().matching("dev.sipbridge.core.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void sdkTypes_stayInTheirAdapters() {
    noClasses()
        .that()
        .resideOutsideOfPackages("dev.sipbridge.openai..", "dev.sipbridge.app..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.openai..")
        .check(classes);
    noClasses()
        .that()
        .resideOutsideOfPackages("dev.sipbridge.twilio..", "dev.sipbridge.app..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.twilio..")
        .check(classes);
    noClasses()
        .that()
        .resideOutsideOfPackages(
            "dev.sipbridge.discord..", "dev.sipbridge.openai..", "dev.sipbridge.app..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("okhttp3..")
        .check(classes);
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.sipbridge.store..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "java.sql..",
            "javax.sql..",
            "org.flywaydb..",
            "com.zaxxer..",
            "org.sqlite..",
            "org.postgresql..")
        .check(classes);
  }

  @Test
  void dagger_onlyInTheApp() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.sipbridge.app..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dagger..", "javax.inject..")
        .check(classes);
  }

  @Test
  void ports_areInterfacesRecordsOrExceptions() {
    classes()
        .that()
        .resideInAPackage("dev.sipbridge.core.port")
        .and()
        .areTopLevelClasses()
        .should()
        .beInterfaces()
        .orShould()
        .beRecords()
        .orShould()
        .beAssignableTo(RuntimeException.class)
        .check(classes);
  }

  @Test
  void serverCode_importsNeitherTheTestkitNorTheBench() {
    // The production jar carries the testkit for the demo and for the start-up warm-up (WarmUp and
    // its ThrowawayBridge), which plays synthetic calls against the kit's simulators on loopback
    // before the server listens; no request-handling or wiring code touches it.
    noClasses()
        .that()
        .resideInAPackage("dev.sipbridge.app..")
        .and()
        .resideOutsideOfPackage("dev.sipbridge.app.demo..")
        .and()
        .haveNameNotMatching("dev\\.sipbridge\\.app\\.(WarmUp|ThrowawayBridge)(\\$.*)?")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.sipbridge.testkit..", "dev.sipbridge.bench..")
        .check(classes);
  }

  @Test
  void noModule_dependsOnTheTestkitButTheDemoAndTheBench() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.sipbridge.core..",
            "dev.sipbridge.openai..",
            "dev.sipbridge.twilio..",
            "dev.sipbridge.discord..",
            "dev.sipbridge.store..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.sipbridge.testkit..")
        .check(classes);
  }

  @Test
  void generalCodingRules() {
    // Only Main and the demo print; everything else logs.
    noClasses()
        .that()
        .haveNameNotMatching("dev\\.sipbridge\\.app\\.(Main|demo\\.Demo)(\\$.*)?")
        .should(ACCESS_STANDARD_STREAMS)
        .check(classes);
    NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.check(classes);
    NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS.check(classes);
  }
}
