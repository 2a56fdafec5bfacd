package dev.escalator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The wiring rules of STYLE.md that the compiler cannot see: who reads the environment, which way packages point. */
class RuntimeDependencyRulesTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.escalator");
    }

    @Test
    void onlyTheMainClassReadsEnvironmentVariables() {
        noClasses()
                .that()
                .doNotHaveFullyQualifiedName(Escalator.class.getName())
                .should()
                .callMethod(System.class, "getenv")
                .orShould()
                .callMethod(System.class, "getenv", String.class)
                .check(classes);
    }

    @Test
    void partsDoNotReachBackIntoTheMainPackage() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.escalator")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.escalator")
                .check(classes);
    }

    @Test
    void httpServerKnowsNothingOfTheDomain() {
        noClasses()
                .that()
                .resideInAPackage("dev.escalator.http..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.escalator.core..", "dev.escalator.config..", "dev.escalator.cli..")
                .check(classes);
    }

    @Test
    void onlyTheDiscordAdapterKnowsJda() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.escalator.discord..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("net.dv8tion..")
                .check(classes);
    }
}
