package cn.hotline12345.cti.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The dependency rules of docs/architecture.md, held by the build: modules depend one way, only
 * telephony speaks asterisk-java, only repositories touch jOOQ and the generated schema, only web knows
 * HTTP and JSON.
 */
class ArchitectureTest {

    private static JavaClasses all;

    @BeforeAll
    static void importClasses() {
        all = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("cn.hotline12345");
    }

    @Test
    void librariesDoNotDependOnTheServerOrOnEachOther() {
        noClasses().that().resideInAPackage("cn.hotline12345.ivr..")
                .should().dependOnClassesThat().resideInAnyPackage("cn.hotline12345.cti..", "cn.hotline12345.pbxsim..",
                        "cn.hotline12345.softphone..", "cn.hotline12345.schema..")
                .check(all);
        noClasses().that().resideInAPackage("cn.hotline12345.pbxsim..")
                .should().dependOnClassesThat().resideInAnyPackage("cn.hotline12345.cti..", "cn.hotline12345.ivr..",
                        "cn.hotline12345.softphone..", "cn.hotline12345.schema..")
                .check(all);
        noClasses().that().resideInAPackage("cn.hotline12345.softphone..")
                .should().dependOnClassesThat().resideInAnyPackage("cn.hotline12345.cti..", "cn.hotline12345.ivr..",
                        "cn.hotline12345.pbxsim..", "cn.hotline12345.schema..")
                .allowEmptyShould(true)
                .check(all);
        noClasses().that().resideInAPackage("cn.hotline12345.schema..")
                .should().dependOnClassesThat().resideInAnyPackage("cn.hotline12345.cti..", "cn.hotline12345.ivr..",
                        "cn.hotline12345.pbxsim..", "cn.hotline12345.softphone..")
                .check(all);
    }

    @Test
    void onlyTelephonyUsesAsteriskJava() {
        noClasses().that().resideInAPackage("cn.hotline12345.cti..")
                .and().resideOutsideOfPackage("cn.hotline12345.cti.telephony..")
                .should().dependOnClassesThat().resideInAPackage("org.asteriskjava..")
                .check(all);
    }

    /**
     * Services may hold a {@code DSLContext} only as the handle of a transaction they compose from several
     * repositories (the jOOQ demo's lambda transactions); every query, record and generated table stays in
     * the repositories.
     */
    @Test
    void onlyRepositoriesTouchJooqAndTheGeneratedSchema() {
        noClasses().that().resideInAPackage("cn.hotline12345.cti..")
                .and().haveSimpleNameNotEndingWith("Repository")
                .and().resideOutsideOfPackage("cn.hotline12345.cti.db..")
                .should().dependOnClassesThat(resideInAnyPackage("org.jooq..", "cn.hotline12345.schema.jooq..")
                        .and(not(equivalentTo(org.jooq.DSLContext.class))))
                .because("repositories translate jOOQ records into domain records at the edge")
                .check(all);
    }

    /**
     * The cluster package is the one other edge that translates: it puts call updates, queue boards and agent
     * actions on the clustered event bus between servers, as JSON (readable in a capture, tolerant of a field
     * added by a newer node in a rolling upgrade). It still never speaks HTTP.
     */
    @Test
    void onlyWebKnowsHttpAndJson() {
        noClasses().that().resideInAPackage("cn.hotline12345.cti..")
                .and().resideOutsideOfPackage("cn.hotline12345.cti.web..")
                .and().resideOutsideOfPackage("cn.hotline12345.cti.cluster..")
                .should().dependOnClassesThat().resideInAnyPackage("io.vertx.ext.web..", "io.vertx.core.http..",
                        "io.vertx.core.json..")
                .because("the domain speaks records and enums; JSON and HTTP are translated in web")
                .check(all);
        noClasses().that().resideInAPackage("cn.hotline12345.cti.cluster..")
                .should().dependOnClassesThat().resideInAnyPackage("io.vertx.ext.web..", "io.vertx.core.http..",
                        "cn.hotline12345.cti.web..")
                .because("servers talk to each other over the event bus, not HTTP, and the web layer stays on top")
                .check(all);
    }

    @Test
    void domainPackagesDoNotReachIntoTheWebLayer() {
        noClasses().that().resideInAnyPackage("cn.hotline12345.cti.call..", "cn.hotline12345.cti.telephony..",
                        "cn.hotline12345.cti.db..", "cn.hotline12345.cti.config..")
                .should().dependOnClassesThat().resideInAPackage("cn.hotline12345.cti.web..")
                .check(all);
    }

    @Test
    void verticlesExtendVerticleBase() {
        classes().that().resideInAPackage("cn.hotline12345.cti..").and().haveSimpleNameEndingWith("Verticle")
                .should().beAssignableTo(io.vertx.core.VerticleBase.class)
                .check(all);
    }
}
