package cn.hotline12345.cti.arch;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The shape of the house (docs/architecture.md), held by the build. The server is a set of feature slices
 * ({@code call}, {@code caller}, {@code matter}, {@code knowledge}, {@code calendar}, {@code ivr}, {@code user},
 * {@code desk}, {@code telephony}, {@code text}, {@code privacy}), the shared {@code platform} (configuration,
 * database, health, HTTP plumbing, errors), {@code cluster}, {@code logging}, and {@code app}, the one composition
 * root. A slice shows other slices its {@code api}; its {@code internal} is its own; its {@code web} holds its
 * routes.
 */
class ArchitectureTest {

    private static final String CTI = "cn.hotline12345.cti";
    private static JavaClasses all;

    @BeforeAll
    static void importClasses() {
        all = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("cn.hotline12345");
    }

    @Test
    void librariesDoNotDependOnTheServerOrOnEachOther() {
        noClasses().that().resideInAPackage("cn.hotline12345.contract..")
                .should().dependOnClassesThat().resideInAnyPackage("cn.hotline12345.cti..", "cn.hotline12345.ivr..",
                        "cn.hotline12345.pbxsim..", "cn.hotline12345.softphone..", "cn.hotline12345.schema..")
                .check(all);
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

    /** No two slices need each other: each can be read, tested and changed from its api down. */
    @Test
    void slicesAreFreeOfCycles() {
        slices().matching(CTI + ".(*)..").should().beFreeOfCycles().check(all);
    }

    /** Within a slice the web layer sits on top: api and internal never reach into it. */
    @Test
    void apiAndInternalNeverReachIntoTheirWebLayer() {
        noClasses().that().resideInAnyPackage(CTI + "..api..", CTI + "..internal..", CTI + "..tracking..")
                .should().dependOnClassesThat().resideInAPackage(CTI + "..web..")
                .check(all);
    }

    /** Only the app wires slices together; another slice uses a slice's api, never its internals. */
    @Test
    void aSlicesInternalsAreItsOwnAndTheAppsToWire() {
        classes().that().resideInAPackage(CTI + ".*.internal..")
                .should(onlyBeAccessedFromTheirOwnSliceOrTheApp())
                .check(all);
    }

    /** Only web subpackages speak vertx-web (routers, routing contexts, handlers). */
    @Test
    void onlyWebPackagesUseVertxWeb() {
        noClasses().that().resideInAPackage(CTI + "..").and().resideOutsideOfPackage(CTI + "..web..")
                .should().dependOnClassesThat().resideInAPackage("io.vertx.ext.web..")
                .because("routes live in each slice's web package; services take and return records")
                .check(all);
    }

    /** Nothing in the server speaks asterisk-java: the AMI link and the FastAGI server are our own (docs). */
    @Test
    void theServerDoesNotUseAsteriskJava() {
        noClasses().that().resideInAPackage(CTI + "..")
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
        noClasses().that().resideInAPackage(CTI + "..")
                .and().haveSimpleNameNotEndingWith("Repository")
                .and().resideOutsideOfPackage(CTI + ".platform.db..")
                .should().dependOnClassesThat(resideInAnyPackage("org.jooq..", "cn.hotline12345.schema.jooq..")
                        .and(not(equivalentTo(org.jooq.DSLContext.class))))
                .because("repositories translate jOOQ records into domain records at the edge")
                .check(all);
    }

    /** Repositories live in a slice's internals (or, for the audit trail written in a caller's transaction, its api). */
    @Test
    void repositoriesAreNotInTheWebLayer() {
        noClasses().that().resideInAPackage(CTI + "..web..").should().haveSimpleNameEndingWith("Repository")
                .check(all);
    }

    @Test
    void verticlesExtendVerticleBase() {
        classes().that().resideInAPackage(CTI + "..").and().haveSimpleNameEndingWith("Verticle")
                .should().beAssignableTo(io.vertx.core.VerticleBase.class)
                .check(all);
    }

    private static final Pattern SLICE = Pattern.compile("^" + Pattern.quote(CTI) + "\\.([a-z]+)(\\..*)?$");

    private static String sliceOf(JavaClass c) {
        Matcher m = SLICE.matcher(c.getPackageName());
        return m.matches() ? m.group(1) : "";
    }

    private static ArchCondition<JavaClass> onlyBeAccessedFromTheirOwnSliceOrTheApp() {
        return new ArchCondition<>("only be accessed from their own slice or the app") {
            @Override
            public void check(JavaClass target, ConditionEvents events) {
                String slice = sliceOf(target);
                target.getAccessesToSelf().forEach(a -> report(a.getOriginOwner(), target, slice, events, a.getDescription()));
                target.getDirectDependenciesToSelf().forEach(d -> report(d.getOriginClass(), target, slice, events,
                        d.getDescription()));
            }

            private void report(JavaClass origin, JavaClass target, String slice, ConditionEvents events, String what) {
                String from = sliceOf(origin);
                if (!from.equals(slice) && !from.equals("app") && origin.getPackageName().startsWith(CTI)) {
                    events.add(SimpleConditionEvent.violated(target, what));
                }
            }
        };
    }
}
