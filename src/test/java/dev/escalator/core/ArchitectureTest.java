package dev.escalator.core;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameStartingWith;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** STYLE habits 1 and 3: the core is pure domain code that takes the time it is given. Nullness annotations allowed. */
@AnalyzeClasses(packages = "dev.escalator.core", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule coreDependsOnlyOnTheJdkAndItself = classes()
            .that()
            .resideInAPackage("dev.escalator.core..")
            .should()
            .onlyDependOnClassesThat()
            // JSpecify: annotations only (@NullMarked, @Nullable), read by NullAway at compile time
            .resideInAnyPackage("java..", "dev.escalator.core..", "org.jspecify.annotations..");

    @ArchTest
    static final ArchRule coreKnowsNoAdapterOrDriver = noClasses()
            .that()
            .resideInAPackage("dev.escalator.core..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.escalator.slack..",
                    "dev.escalator.discord..",
                    "dev.escalator.store..",
                    "dev.escalator.http..",
                    "com.slack..",
                    "net.dv8tion..",
                    "com.mongodb..",
                    "org.bson..",
                    "de.bwaldvogel..");

    @ArchTest
    static final ArchRule coreNeverReadsTheClock = noClasses()
            .that()
            .resideInAPackage("dev.escalator.core..")
            .should()
            .callMethod(System.class, "currentTimeMillis")
            .orShould()
            .callMethod(System.class, "nanoTime")
            .orShould()
            .callMethodWhere(target(name("now")).and(target(owner(resideInAPackage("java.time..")))))
            .orShould()
            .callMethodWhere(target(nameStartingWith("system")).and(target(owner(assignableTo(Clock.class)))))
            .because("time comes from the caller's injected Clock, so tests and replays control it");

    /** Not core code: proves the clock rule catches what it is meant to catch. */
    static class ReadsTheClock {
        Instant instant() {
            return Instant.now();
        }

        long millis() {
            return System.currentTimeMillis();
        }

        LocalDate today() {
            return LocalDate.now(Clock.systemUTC());
        }
    }

    @Test
    void theClockRuleCatchesEveryWayOfReadingTheTime() {
        var classes = new ClassFileImporter().importClasses(ReadsTheClock.class);

        var result = coreNeverReadsTheClock.evaluate(classes);

        assertThat(result.getFailureReport().getDetails())
                .hasSize(4)
                .anyMatch(line -> line.contains("Instant.now()"))
                .anyMatch(line -> line.contains("System.currentTimeMillis()"))
                .anyMatch(line -> line.contains("LocalDate.now("))
                .anyMatch(line -> line.contains("Clock.systemUTC()"));
    }
}
