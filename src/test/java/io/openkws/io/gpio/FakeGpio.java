package io.openkws.io.gpio;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalInputBase;
import com.pi4j.io.gpio.digital.DigitalInputConfig;
import com.pi4j.io.gpio.digital.DigitalInputProvider;
import com.pi4j.io.gpio.digital.DigitalInputProviderBase;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalOutputBase;
import com.pi4j.io.gpio.digital.DigitalOutputConfig;
import com.pi4j.io.gpio.digital.DigitalOutputProvider;
import com.pi4j.io.gpio.digital.DigitalOutputProviderBase;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeEvent;
import io.openkws.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fake Pi4J GPIO providers for tests: outputs record every level change with the clock's time, inputs are driven
 * from the test. Also checks, at each rising edge, that no other watched line is high (the coil interlock).
 */
final class FakeGpio {

    /** One level change of an output. */
    record Edge(int bcm, boolean high, long nanos) {
    }

    static {
        System.setProperty("org.slf4j.simpleLogger.log.com.pi4j", "off");
    }

    private final Clock clock;
    private final List<Edge> edges = new ArrayList<>();
    private final Map<Integer, Boolean> levels = new HashMap<>();
    private final Map<Integer, FakeInput> inputs = new HashMap<>();
    private final List<Integer> interlocked = new ArrayList<>();
    private int interlockViolations;
    final Context context;

    FakeGpio(Clock clock) {
        this.clock = clock;
        this.context = Pi4J.newContextBuilder().noAutoDetect().add(new OutProvider(), new InProvider()).build();
    }

    /** Lines that must never be high together. */
    synchronized void interlock(int... bcms) {
        for (int b : bcms) {
            interlocked.add(b);
        }
    }

    synchronized List<Edge> edges() {
        return List.copyOf(edges);
    }

    synchronized List<Edge> edges(int bcm) {
        return edges.stream().filter(e -> e.bcm() == bcm).toList();
    }

    synchronized boolean level(int bcm) {
        return levels.getOrDefault(bcm, false);
    }

    synchronized int interlockViolations() {
        return interlockViolations;
    }

    void drive(int bcm, boolean high) {
        inputs.get(bcm).drive(high ? DigitalState.HIGH : DigitalState.LOW);
    }

    private synchronized void record(int bcm, boolean high) {
        levels.put(bcm, high);
        edges.add(new Edge(bcm, high, clock.nanoTime()));
        if (high && interlocked.contains(bcm)) {
            for (int other : interlocked) {
                if (other != bcm && levels.getOrDefault(other, false)) {
                    interlockViolations++;
                }
            }
        }
    }

    private final class OutProvider extends DigitalOutputProviderBase {
        OutProvider() {
            super("fake-digital-output", "Fake digital output");
        }

        @Override
        public DigitalOutput create(DigitalOutputConfig config) {
            FakeOutput out = new FakeOutput(this, config);
            context.registry().add(out);
            return out;
        }
    }

    private final class FakeOutput extends DigitalOutputBase {
        FakeOutput(DigitalOutputProvider provider, DigitalOutputConfig config) {
            super(provider, config);
        }

        @Override
        public DigitalOutput state(DigitalState newState) {
            DigitalState before = this.state;
            super.state(newState);
            if (before != newState) {
                record(config.bcm(), newState == DigitalState.HIGH);
            }
            return this;
        }
    }

    private final class InProvider extends DigitalInputProviderBase {
        InProvider() {
            super("fake-digital-input", "Fake digital input");
        }

        @Override
        public DigitalInput create(DigitalInputConfig config) {
            FakeInput in = new FakeInput(this, config);
            synchronized (FakeGpio.this) {
                inputs.put(config.bcm(), in);
            }
            context.registry().add(in);
            return in;
        }
    }

    private static final class FakeInput extends DigitalInputBase {
        private volatile DigitalState level = DigitalState.HIGH;

        FakeInput(DigitalInputProvider provider, DigitalInputConfig config) {
            super(provider, config);
        }

        @Override
        public DigitalState state() {
            return level;
        }

        void drive(DigitalState s) {
            if (s != level) {
                level = s;
                dispatch(new DigitalStateChangeEvent<>(this, s));
            }
        }
    }
}
