package cn.hotline12345.cti.text;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The text slice stands alone: its API knows no engine and no HanLP, and it knows nothing else of the server. */
class TextArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("cn.hotline12345.cti.text");

    @Test
    void theApiDependsOnNeitherTheEngineNorHanlp() {
        noClasses().that().resideInAPackage("cn.hotline12345.cti.text.api..")
                .should().dependOnClassesThat().resideInAnyPackage("cn.hotline12345.cti.text.internal..",
                        "cn.hotline12345.cti.text.synth..", "com.hankcs..")
                .check(CLASSES);
    }

    @Test
    void onlyTheEngineImportsHanlp() {
        noClasses().that().resideOutsideOfPackage("cn.hotline12345.cti.text.internal..")
                .should().dependOnClassesThat().resideInAPackage("com.hankcs..")
                .check(CLASSES);
    }

    @Test
    void theTextSliceUsesNoOtherPartOfTheServerNorWebNorJooq() {
        noClasses().that().resideInAPackage("cn.hotline12345.cti.text..")
                .should().dependOnClassesThat().resideInAnyPackage("cn.hotline12345.cti.call..",
                        "cn.hotline12345.cti.caller..", "cn.hotline12345.cti.matter..", "cn.hotline12345.cti.web..",
                        "cn.hotline12345.cti.db..", "cn.hotline12345.cti.config..", "cn.hotline12345.cti.app..",
                        "io.vertx..", "org.jooq..")
                .check(CLASSES);
    }
}
