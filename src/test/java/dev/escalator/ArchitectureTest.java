package dev.escalator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layout of STYLE.md ("The shape"): a pure core, adapters around it that do not know each other, and each
 * third-party platform or driver inside the one package that adapts it. The core's own rules (only the JDK and itself,
 * no clock) are in {@code core.ArchitectureTest}. The root package ({@code Escalator} and the assembly) wires every
 * part, so it is the one place allowed to know them all; no rule here restricts it.
 */
@AnalyzeClasses(packages = "dev.escalator", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String SLACK = "dev.escalator.slack..";
    private static final String DISCORD = "dev.escalator.discord..";
    private static final String STORE = "dev.escalator.store..";
    private static final String EMBEDDED_STORE = "dev.escalator.store.embedded..";
    private static final String BOLT = "com.slack.api..";
    private static final String JDA = "net.dv8tion..";

    @ArchTest
    static final ArchRule slackDoesNotKnowDiscord = noClasses()
            .that()
            .resideInAPackage(SLACK)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(DISCORD, JDA);

    @ArchTest
    static final ArchRule discordDoesNotKnowSlack = noClasses()
            .that()
            .resideInAPackage(DISCORD)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(SLACK, BOLT);

    @ArchTest
    static final ArchRule chatIsWhatBothPlatformsShareAndKnowsNeither = noClasses()
            .that()
            .resideInAPackage("dev.escalator.chat..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(SLACK, DISCORD, BOLT, JDA);

    @ArchTest
    static final ArchRule storeKnowsNoChatPlatform = noClasses()
            .that()
            .resideInAPackage(STORE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(SLACK, DISCORD, BOLT, JDA);

    @ArchTest
    static final ArchRule boltOnlyInTheSlackAdapter = noClasses()
            .that()
            .resideOutsideOfPackage(SLACK)
            .should()
            .dependOnClassesThat()
            .resideInAPackage(BOLT);

    @ArchTest
    static final ArchRule jdaOnlyInTheDiscordAdapter = noClasses()
            .that()
            .resideOutsideOfPackage(DISCORD)
            .should()
            .dependOnClassesThat()
            .resideInAPackage(JDA);

    @ArchTest
    static final ArchRule mongoDriverOnlyInTheStore = noClasses()
            .that()
            .resideOutsideOfPackage(STORE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("com.mongodb..", "org.bson..");

    @ArchTest
    static final ArchRule embeddedServerOnlyInTheEmbeddedStore = noClasses()
            .that()
            .resideOutsideOfPackage(EMBEDDED_STORE)
            .should()
            .dependOnClassesThat()
            .resideInAPackage("de.bwaldvogel..");
}
