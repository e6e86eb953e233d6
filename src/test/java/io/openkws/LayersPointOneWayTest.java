package io.openkws;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The layers of design.md ("Layers") as rules that fail the build on an import against them.
 *
 * <p>Exists because a layer written only in prose erodes one convenient import at a time: a chip driver that peeks
 * at a protection setting, a front-end that reuses another front-end's JSON, the protection engine that starts a
 * timer. Each rule is named after the sentence of design.md it checks. The production classes are imported once
 * (tests excluded: a test may reach across layers to set a scene).
 *
 * <p>Exceptions are few, named and commented where they are made; each one is a known debt, not a permission.
 */
class LayersPointOneWayTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.openkws");

    private static final String[] FRONT_ENDS = {
        "io.openkws.export..", "io.openkws.web..", "io.openkws.tuyamcu.."};

    /** What sits above the meter: protection, UI, the device service, every front-end, assembly and the CLI. */
    private static final String[] ABOVE_METER = {
        "io.openkws.protect..", "io.openkws.ui..", "io.openkws.service..", "io.openkws.export..",
        "io.openkws.web..", "io.openkws.tuyamcu..", "io.openkws.app..", "io.openkws.cli..", "io.openkws.bench..",
        "io.openkws.scenario..", "io.openkws.config.."};

    @Test
    void chip_drivers_never_import_the_meter_protection_ui_the_service_front_ends_or_the_assembly() {
        noClasses().that().resideInAPackage("io.openkws.driver..")
                .should().dependOnClassesThat().resideInAnyPackage(concat(ABOVE_METER, "io.openkws.meter..",
                        "io.openkws.io..", "io.openkws.board..", "io.openkws.decode.."))
                .because("chip drivers know their chip and its seam, nothing of what is built on them")
                .check(CLASSES);
    }

    @Test
    void seam_implementations_in_io_never_import_the_meter_protection_ui_the_service_or_front_ends() {
        noClasses().that().resideInAPackage("io.openkws.io..")
                .should().dependOnClassesThat().resideInAnyPackage(concat(ABOVE_METER, "io.openkws.meter.."))
                .because("io.* implements the driver seams (serial, gpio, sim, trace) and nothing else")
                .check(CLASSES);
    }

    @Test
    void the_meter_never_imports_protection_ui_the_service_front_ends_assembly_or_io() {
        noClasses().that().resideInAPackage("io.openkws.meter..")
                .should().dependOnClassesThat().resideInAnyPackage(concat(ABOVE_METER, "io.openkws.io.."))
                .because("the meter turns chip values into calibrated readings; what is done with them is above it")
                .check(CLASSES);
    }

    @Test
    void protection_depends_on_nothing_but_itself_and_the_jdk() {
        noClasses().that().resideInAPackage("io.openkws.protect..")
                .should().dependOnClassesThat(resideOutsideOfPackages("io.openkws.protect..", "java..")
                        // Exception: the pure text helper every layer uses to quote user input in a message
                        // (SavedSettings names a dropped saved value with it). No state, no I/O.
                        .and(not(equivalentTo(UserInput.class))))
                .because("the protection engine is pure: readings and time in, decisions out")
                .check(CLASSES);
    }

    @Test
    void protection_never_touches_threads_io_or_the_wall_clock() {
        noClasses().that().resideInAPackage("io.openkws.protect..")
                .should().dependOnClassesThat().resideInAnyPackage("java.io..", "java.nio..", "java.net..",
                        "java.util.concurrent..", "java.time..")
                .orShould().dependOnClassesThat().belongToAnyOf(Thread.class, ThreadLocal.class, Runtime.class,
                        ProcessBuilder.class, java.util.Timer.class)
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(Thread.class, "sleep", long.class)
                .because("the engine receives readings with timestamps and returns decisions; the controller acts")
                .check(CLASSES);
    }

    @Test
    void the_ui_never_imports_the_service_front_ends_assembly_or_io() {
        noClasses().that().resideInAPackage("io.openkws.ui..")
                .should().dependOnClassesThat().resideInAnyPackage(concat(FRONT_ENDS, "io.openkws.service..",
                        "io.openkws.app..", "io.openkws.cli..", "io.openkws.bench..", "io.openkws.io.."))
                .because("display pages and menus are driven by button events and data handed to them")
                .check(CLASSES);
    }

    @Test
    void the_device_service_contract_never_imports_assembly_front_ends_or_io() {
        noClasses().that().resideInAPackage("io.openkws.service..")
                .should().dependOnClassesThat().resideInAnyPackage(concat(FRONT_ENDS, "io.openkws.app..",
                        "io.openkws.cli..", "io.openkws.bench..", "io.openkws.io..", "io.openkws.meter.."))
                .because("every front-end sees the device only through this contract; app implements it")
                .check(CLASSES);
    }

    @Test
    void mqtt_never_imports_another_front_end_the_assembly_or_anything_below_the_service() {
        frontEndStaysOnItsSide("io.openkws.export..", "io.openkws.web..", "io.openkws.tuyamcu..");
    }

    @Test
    void the_web_console_never_imports_another_front_end_the_assembly_or_anything_below_the_service() {
        frontEndStaysOnItsSide("io.openkws.web..", "io.openkws.export..", "io.openkws.tuyamcu..");
    }

    @Test
    void the_tuyamcu_bridge_never_imports_another_front_end_the_assembly_or_anything_below_the_service() {
        frontEndStaysOnItsSide("io.openkws.tuyamcu..", "io.openkws.export..", "io.openkws.web..");
    }

    @Test
    void the_panel_and_terminal_console_never_import_the_packaged_front_ends() {
        noClasses().that().haveFullyQualifiedName("io.openkws.app.Panel")
                .or().haveFullyQualifiedName("io.openkws.app.TerminalConsole")
                .should().dependOnClassesThat().resideInAnyPackage(FRONT_ENDS)
                .because("the panel and the terminal console are front-ends too, they live in app only for now")
                .check(CLASSES);
    }

    @Test
    void nothing_below_the_command_line_imports_it() {
        noClasses().that().resideOutsideOfPackage("io.openkws.cli..")
                .should().dependOnClassesThat().resideInAPackage("io.openkws.cli..")
                .because("cli parses flags and maps errors to exit codes; it is the top")
                .check(CLASSES);
    }

    @Test
    void nothing_but_the_command_line_and_benches_import_the_assembly() {
        noClasses().that().resideOutsideOfPackages("io.openkws.app..", "io.openkws.cli..", "io.openkws.bench..")
                .should().dependOnClassesThat().resideInAPackage("io.openkws.app..")
                .because("app assembles the device from every layer; nothing it assembles may reach back into it")
                .check(CLASSES);
    }

    @Test
    void the_command_line_error_type_is_only_thrown_by_the_command_line() {
        noClasses().that().resideOutsideOfPackage("io.openkws.cli..")
                .should().dependOnClassesThat().haveFullyQualifiedName("io.openkws.cli.UserError")
                .because("layers below cli throw their own domain exceptions, which cli maps to exit code 2")
                .check(CLASSES);
    }

    @Test
    void the_root_package_holds_only_the_text_helper_for_user_input() {
        classes().that().resideInAPackage("io.openkws")
                .should().haveNameMatching("io\\.openkws\\.(UserInput(\\$.*)?|package-info)")
                .because("a type that belongs to a layer lives in that layer's package, not in a grab-bag at the root")
                .check(CLASSES);
    }

    @Test
    void top_level_packages_form_no_cycles() {
        slices().matching("io.openkws.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    private static void frontEndStaysOnItsSide(String frontEnd, String... others) {
        noClasses().that().resideInAPackage(frontEnd)
                .should().dependOnClassesThat().resideInAnyPackage(concat(others, "io.openkws.app..",
                        "io.openkws.cli..", "io.openkws.bench..", "io.openkws.meter..", "io.openkws.ui..",
                        "io.openkws.driver.ht7017..", "io.openkws.driver.bl0942..", "io.openkws.driver.bl0937..",
                        "io.openkws.driver.tm1622..", "io.openkws.driver.relay..", "io.openkws.io.gpio..",
                        "io.openkws.io.sim.."))
                .because("front-ends are thin adapters over the device service and never copy one another")
                .allowEmptyShould(true)
                .check(CLASSES);
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
