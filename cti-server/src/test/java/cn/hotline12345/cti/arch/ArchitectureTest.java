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

    /**
     * Issue 18: building a part starts nothing. A constructor (or a private method of its class it calls) that sets
     * a Vert.x timer or starts a thread runs work before the composition root has wired everything and keeps running
     * when a test only builds the graph; such a part implements {@code platform.lifecycle.Lifecycle} and starts in
     * {@code start()}. Lambdas handed to a timer later are their own methods and are not followed.
     */
    @Test
    void constructorsStartNoTimerAndNoThread() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.constructors()
                .that().areDeclaredInClassesThat().resideInAPackage(CTI + "..")
                .should(startNothing())
                .check(all);
    }

    private static final java.util.Set<String> STARTERS = java.util.Set.of(
            "io.vertx.core.Vertx.setPeriodic", "io.vertx.core.Vertx.setTimer", "io.vertx.core.Vertx.periodicStream",
            "io.vertx.core.Vertx.timerStream", "java.lang.Thread.start",
            "java.util.concurrent.ScheduledExecutorService.schedule",
            "java.util.concurrent.ScheduledExecutorService.scheduleAtFixedRate",
            "java.util.concurrent.ScheduledExecutorService.scheduleWithFixedDelay");

    private static ArchCondition<com.tngtech.archunit.core.domain.JavaConstructor> startNothing() {
        return new ArchCondition<>("start no timer and no thread") {
            @Override
            public void check(com.tngtech.archunit.core.domain.JavaConstructor ctor, ConditionEvents events) {
                java.util.Deque<com.tngtech.archunit.core.domain.JavaCodeUnit> todo = new java.util.ArrayDeque<>();
                java.util.Set<com.tngtech.archunit.core.domain.JavaCodeUnit> seen = new java.util.HashSet<>();
                todo.add(ctor);
                while (!todo.isEmpty()) {
                    com.tngtech.archunit.core.domain.JavaCodeUnit unit = todo.pop();
                    if (!seen.add(unit)) {
                        continue;
                    }
                    for (com.tngtech.archunit.core.domain.JavaMethodCall call : unit.getMethodCallsFromSelf()) {
                        var target = call.getTarget();
                        String name = target.getOwner().getFullName() + "." + target.getName();
                        if (STARTERS.contains(name)) {
                            events.add(SimpleConditionEvent.violated(ctor, ctor.getFullName() + " starts "
                                    + name + " (" + call.getSourceCodeLocation() + ")"));
                        }
                        // follow the class's own private helpers (a constructor calling registerTimers())
                        if (target.getOwner().equals(ctor.getOwner())) {
                            target.resolveMember().filter(m -> m.getModifiers()
                                    .contains(com.tngtech.archunit.core.domain.JavaModifier.PRIVATE)).ifPresent(todo::add);
                        }
                    }
                    for (com.tngtech.archunit.core.domain.JavaConstructorCall call : unit.getConstructorCallsFromSelf()) {
                        if (call.getTarget().getOwner().equals(ctor.getOwner())) {
                            call.getTarget().resolveMember().ifPresent(todo::add); // this(...)
                        }
                    }
                }
            }
        };
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

    /**
     * Issue 18: no main class over 400 lines outside pbx-sim (a simulator of Asterisk is allowed its size). A class
     * that grows past it mixes concerns; split it by what it does, not by cutting it in halves. Generated jOOQ code is
     * not under {@code src/main/java}.
     */
    @Test
    void noMainClassOverFourHundredLines() throws java.io.IOException {
        java.nio.file.Path root = java.nio.file.Path.of("").toAbsolutePath().getParent();
        java.util.List<String> tooLong = new java.util.ArrayList<>();
        int files = 0;
        for (String module : java.util.List.of("cti-server", "ivr-scripts", "dialplan-contract", "agent-softphone-api", "schema")) {
            java.nio.file.Path src = root.resolve(module).resolve("src/main/java");
            if (!java.nio.file.Files.isDirectory(src)) {
                continue;
            }
            try (var paths = java.nio.file.Files.walk(src)) {
                for (java.nio.file.Path f : (Iterable<java.nio.file.Path>) paths.filter(x -> x.toString().endsWith(".java"))::iterator) {
                    files++;
                    long lines = java.nio.file.Files.readAllLines(f).size();
                    if (lines > 400) {
                        tooLong.add(root.relativize(f) + " (" + lines + " lines)");
                    }
                }
            }
        }
        org.assertj.core.api.Assertions.assertThat(files).as("main sources found under " + root).isGreaterThan(100);
        org.assertj.core.api.Assertions.assertThat(tooLong).as("main classes over 400 lines").isEmpty();
    }
}
