package ai.chatr;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The package rules of STYLE.md: the names of the packages are the architecture. */
class ArchitectureTest {

    private static final JavaClasses CHATR = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("ai.chatr");

    /**
     * One direction between features, boundaries included: a feature uses only those below it in
     * the README's "How the code is organised", so no two features depend on each other.
     */
    @Test
    void featuresFormNoCycle() {
        slices().matching("ai.chatr.(*)..").should().beFreeOfCycles().check(CHATR);
    }

    @Test
    void entitiesKnowNoLogic() {
        noClasses().that().resideInAPackage("..entity..")
                .should().dependOnClassesThat().resideInAnyPackage("..boundary..", "..control..")
                .check(CHATR);
    }

    @Test
    void controlKnowsNoBoundary() {
        noClasses().that().resideInAPackage("..control..")
                .should().dependOnClassesThat().resideInAPackage("..boundary..")
                .check(CHATR);
    }

    @Test
    void classesAreNamedForTheDomain() {
        noClasses().should().haveSimpleNameEndingWith("Service")
                .orShould().haveSimpleNameEndingWith("Manager")
                .orShould().haveSimpleNameEndingWith("Impl")
                .check(CHATR);
    }

    @Test
    void nothingWritesToTheStandardStreams() {
        noClasses().should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .orShould().callMethod(Throwable.class, "printStackTrace")
                .check(CHATR);
    }
}
