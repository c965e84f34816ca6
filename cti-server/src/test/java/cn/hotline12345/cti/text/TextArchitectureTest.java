package cn.hotline12345.cti.text;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The text engine stands alone: its API knows no engine and no HanLP, and it knows nothing else of the server. */
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

    /**
     * The engine (api, internal, synth) knows nothing else of the server; only the slice's wiring (its root package:
     * TextModule, TextService), its store (jOOQ) and its web package (routes) meet the platform (issue 26).
     */
    @Test
    void theTextSliceUsesNoOtherPartOfTheServerNorWebNorJooq() {
        noClasses().that().resideInAnyPackage("cn.hotline12345.cti.text.api..", "cn.hotline12345.cti.text.internal..",
                        "cn.hotline12345.cti.text.synth..")
                .should().dependOnClassesThat().resideInAnyPackage("cn.hotline12345.cti.call..",
                        "cn.hotline12345.cti.caller..", "cn.hotline12345.cti.matter..", "cn.hotline12345.cti.web..",
                        "cn.hotline12345.cti.db..", "cn.hotline12345.cti.config..", "cn.hotline12345.cti.app..",
                        "cn.hotline12345.cti.platform..", "cn.hotline12345.cti.user..", "io.vertx..", "org.jooq..")
                .check(CLASSES);
    }
}
