package io.openkws.faults;

import io.openkws.app.BoardParts;
import io.openkws.app.Controller;
import io.openkws.board.BoardSpec;
import io.openkws.config.Config;
import io.openkws.driver.ht7017.Ht7017Driver;
import io.openkws.io.sim.ht7017.FrontEnd;
import io.openkws.io.sim.ht7017.Ht7017Sim;
import io.openkws.meter.CalibrationProfile;
import io.openkws.meter.Meter;
import io.openkws.meter.ht7017.Ht7017Chip;
import io.openkws.meter.Reading;
import io.openkws.protect.Event;
import io.openkws.protect.PowerOnState;
import io.openkws.protect.ProtectionEngine;
import io.openkws.protect.ProtectionSettings;
import io.openkws.time.Clock;
import io.openkws.time.VirtualClock;
import java.util.ArrayList;
import java.util.List;

/**
 * The real controller (driver, meter, protection engine, relay driver) on the simulated board in virtual time,
 * with the simulated chip and the event and reading logs in reach, so a test can break the chip or its line at
 * a given second and check what the controller did.
 */
final class VirtualRig {

    final VirtualClock clock = new VirtualClock();
    final BoardParts parts;
    final Ht7017Sim chip;
    final Ht7017Driver driver;
    final Controller controller;
    final List<Event> events = new ArrayList<>();
    final List<Reading> readings = new ArrayList<>();
    private final long origin;

    /** A rig with {@code settings}, power-on state on, 230 V and {@code currentA} at 50 Hz, PF 1. */
    VirtualRig(ProtectionSettings settings, double currentA, Controller.Hooks extraHooks) {
        BoardSpec board = BoardSpec.load(Config.SIM);
        parts = BoardParts.simulated(board, clock, FrontEnd.load(board.frontEndFile()), 100_000_000L, 17);
        chip = parts.simulation().orElseThrow().chip();
        chip.setVoltageV(230);
        chip.setCurrentA(currentA);
        chip.setFrequencyHz(50);
        driver = new Ht7017Driver(parts.link(), clock);
        Meter meter = new Meter(new Ht7017Chip(driver, CalibrationProfile.load(board.calibrationFile()), clock), clock);
        ProtectionEngine engine = new ProtectionEngine(settings, PowerOnState.ON, true);
        origin = clock.nanoTime();
        controller = new Controller(clock, meter, engine, parts.relay(), events::add, new Controller.Hooks() {
            @Override
            public void reading(Reading reading) {
                readings.add(reading);
                extraHooks.reading(reading);
            }

            @Override
            public void cycleEnded(long nowNanos, boolean healthy) {
                extraHooks.cycleEnded(nowNanos, healthy);
            }
        }, settings);
        controller.start();
    }

    VirtualRig(ProtectionSettings settings, double currentA) {
        this(settings, currentA, new Controller.Hooks() {
        });
    }

    /** Runs the control loop until {@code seconds} after start. */
    void runUntil(double seconds) {
        long end = origin + Clock.secondsToNanos(seconds);
        while (clock.nanoTime() - end < 0) {
            controller.cycle();
        }
    }

    /** Seconds since start. */
    double now() {
        return (clock.nanoTime() - origin) / 1e9;
    }

    /** Seconds since start of {@code nanos} on the rig's clock. */
    double seconds(long nanos) {
        return (nanos - origin) / 1e9;
    }

    List<Event.Trip> trips() {
        return events.stream().filter(e -> e instanceof Event.Trip).map(e -> (Event.Trip) e).toList();
    }

    List<Event.Relay> relayEvents() {
        return events.stream().filter(e -> e instanceof Event.Relay).map(e -> (Event.Relay) e).toList();
    }

    /** Readings taken from {@code fromSeconds} on. */
    List<Reading> readingsFrom(double fromSeconds) {
        long from = origin + Clock.secondsToNanos(fromSeconds);
        return readings.stream().filter(r -> r.timestampNanos() - from >= 0).toList();
    }
}
