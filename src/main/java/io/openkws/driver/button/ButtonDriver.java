package io.openkws.driver.button;

import io.openkws.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Turns the four button lines into debounced presses and gestures: click, long press, auto-repeat and chords.
 *
 * <p>Exists so the UI reacts to meaningful gestures and the factory-reset chord, never to contact bounce, and so
 * that all of it is exact in virtual time: the driver never reads a clock or sleeps. The controller either calls
 * {@link #poll(long)} from its loop (the driver samples the lines), or feeds level changes with
 * {@link #edge(Button, boolean, long)} and calls {@link #advance(long)} to let time-based gestures fire; both can
 * be mixed. Events are returned and also given to the {@linkplain #setListener listener}.
 *
 * <p>Rules (all times are debounced-signal times, i.e. the first sample of a stable level plus the debounce):
 * <ul>
 *   <li>Debounce: a level counts only after it has held for {@code debounceNanos}; shorter glitches vanish.</li>
 *   <li>A non-repeating button gives {@link ButtonEvent.Clicked} at release when held less than
 *       {@code longPressNanos}, else one {@link ButtonEvent.LongPressed} at the moment the threshold is reached
 *       (held exactly the threshold is a long press) and no click.</li>
 *   <li>A repeating button gives {@link ButtonEvent.Repeated} after {@code repeatDelayNanos}, then every
 *       {@code repeatIntervalNanos}; released before the first repeat it gives a click, after it nothing.</li>
 *   <li>Chord rule: as soon as a second button goes down while another is held, every button down in that
 *       session is consumed: no click, long press or repeat until all buttons are up again. A chord's
 *       {@link ButtonEvent.ChordHeld} fires once when exactly its buttons have been held together for its hold
 *       time. Gestures a first button already gave before the second went down (a repeat after 0.6 s) stand.</li>
 *   <li>Simultaneous due events are ordered: gesture timers before level changes, then button order.</li>
 * </ul>
 * Thread-safe: calls are serialised; the listener is called outside the lock, in event order per call.
 */
public final class ButtonDriver {

    private static final long NONE = Long.MAX_VALUE;

    private final Map<Button, ButtonLine> lines;
    private final ButtonTiming timing;
    private final Map<Button, State> states = new EnumMap<>(Button.class);
    /**
     * The same as arrays, in button order, for what runs at every {@link #poll} (a hundred times a second on the
     * panel thread): loops over arrays need no iterator or map entry, so an idle poll allocates nothing.
     */
    private final State[] stateArray;
    private final Button[] sampledButtons;
    private final ButtonLine[] sampledLines;
    /** The events of one {@link #poll}, reused (under the lock); callers get an immutable copy or {@code List.of()}. */
    private final List<ButtonEvent> pollScratch = new ArrayList<>();
    private final Set<Button> held = EnumSet.noneOf(Button.class);
    private final Set<Chord> firedChords = new HashSet<>();
    private volatile Consumer<ButtonEvent> listener = event -> { };
    private boolean multi;
    private Chord armed;
    private long armedAtNanos;
    private long lastNanos = Long.MIN_VALUE;

    private static final class State {
        boolean raw;
        boolean stable;
        long rawSinceNanos;
        long pressedAtNanos;
        boolean suppressed;
        boolean longFired;
        int repeats;
        long timerNanos = NONE;
    }

    /** A driver sampling {@code lines} (may be empty when only {@link #edge} is used). */
    public ButtonDriver(Map<Button, ButtonLine> lines, ButtonTiming timing) {
        this.lines = Map.copyOf(lines);
        this.timing = timing;
        for (Button b : Button.values()) {
            states.put(b, new State());
        }
        this.stateArray = states.values().toArray(new State[0]);
        this.sampledButtons = Arrays.stream(Button.values()).filter(this.lines::containsKey).toArray(Button[]::new);
        this.sampledLines = Arrays.stream(sampledButtons).map(this.lines::get).toArray(ButtonLine[]::new);
    }

    /** The timing in use. */
    public ButtonTiming timing() {
        return timing;
    }

    /** Where events go besides the returned lists (replaces any previous listener). */
    public void setListener(Consumer<ButtonEvent> newListener) {
        this.listener = newListener == null ? event -> { } : newListener;
    }

    /**
     * Registers level listeners on every line that supports them, feeding {@link #edge} with {@code clock}'s time,
     * so presses are seen between polls. Returns whether every line supports it. Timed gestures still need
     * {@link #poll} or {@link #advance} calls (e.g. at {@link #nextDueNanos()}).
     */
    public boolean listenToLines(Clock clock) {
        boolean all = true;
        for (Map.Entry<Button, ButtonLine> e : lines.entrySet()) {
            Button b = e.getKey();
            ButtonLine line = e.getValue();
            all &= line.pin().addLevelListener(high -> edge(b, high == line.activeHigh(), clock.nanoTime()));
        }
        return all;
    }

    /** Samples every line at {@code nowNanos} and returns the events due up to then. Never blocks. */
    public List<ButtonEvent> poll(long nowNanos) {
        List<ButtonEvent> out;
        synchronized (this) {
            pollScratch.clear();
            long now = monotonic(nowNanos);
            run(now, pollScratch);
            for (int i = 0; i < sampledButtons.length; i++) {
                sample(sampledButtons[i], sampledLines[i].pressed(), now);
            }
            run(now, pollScratch);
            out = pollScratch.isEmpty() ? List.of() : List.copyOf(pollScratch);
        }
        deliver(out);
        return out;
    }

    /** A raw level change seen at {@code nanos}: {@code pressed} is the new level in button terms. */
    public List<ButtonEvent> edge(Button button, boolean pressed, long nanos) {
        List<ButtonEvent> out = new ArrayList<>();
        synchronized (this) {
            long now = monotonic(nanos);
            run(now, out);
            sample(button, pressed, now);
            run(now, out);
        }
        deliver(out);
        return out;
    }

    /** Lets time pass to {@code nowNanos} without sampling; returns the events due up to then. */
    public List<ButtonEvent> advance(long nowNanos) {
        List<ButtonEvent> out = new ArrayList<>();
        synchronized (this) {
            run(monotonic(nowNanos), out);
        }
        deliver(out);
        return out;
    }

    /** When the next event can become due without a new level change ({@link Long#MAX_VALUE} if none). */
    public synchronized long nextDueNanos() {
        return Math.min(nextTimer(), nextConfirm());
    }

    /** The buttons down now (debounced). */
    public synchronized Set<Button> held() {
        return held.isEmpty() ? Set.of() : EnumSet.copyOf(held);
    }

    private long monotonic(long nanos) {
        lastNanos = Math.max(lastNanos, nanos);
        return lastNanos;
    }

    private void sample(Button button, boolean pressed, long now) {
        State st = states.get(button);
        if (st.raw != pressed) {
            st.raw = pressed;
            st.rawSinceNanos = now;
        }
    }

    private void run(long now, List<ButtonEvent> out) {
        while (true) {
            long timer = nextTimer();
            long confirm = nextConfirm();
            if (Math.min(timer, confirm) > now) {
                return;
            }
            if (timer <= confirm) {
                fireTimer(timer, out);
            } else {
                confirm(confirm, out);
            }
        }
    }

    private long nextTimer() {
        long t = armed != null ? armedAtNanos + armed.holdNanos() : NONE;
        for (State st : stateArray) {
            t = Math.min(t, st.timerNanos);
        }
        return t;
    }

    private long nextConfirm() {
        long t = NONE;
        for (State st : stateArray) {
            if (st.raw != st.stable) {
                t = Math.min(t, st.rawSinceNanos + timing.debounceNanos());
            }
        }
        return t;
    }

    private void fireTimer(long t, List<ButtonEvent> out) {
        for (Button b : Button.values()) {
            State st = states.get(b);
            if (st.timerNanos == t) {
                if (timing.repeating().contains(b)) {
                    st.repeats++;
                    out.add(new ButtonEvent.Repeated(b, t, st.repeats));
                    st.timerNanos = t + timing.repeatIntervalNanos();
                } else {
                    st.longFired = true;
                    out.add(new ButtonEvent.LongPressed(b, t));
                    st.timerNanos = NONE;
                }
                return;
            }
        }
        Chord chord = armed;
        out.add(new ButtonEvent.ChordHeld(chord.name(), chord.buttons(), t));
        firedChords.add(chord);
        armed = null;
    }

    private void confirm(long t, List<ButtonEvent> out) {
        for (Button b : Button.values()) {
            State st = states.get(b);
            if (st.raw != st.stable && st.rawSinceNanos + timing.debounceNanos() == t) {
                if (st.raw) {
                    pressed(b, st, t, out);
                } else {
                    released(b, st, t, out);
                }
                return;
            }
        }
    }

    private void pressed(Button b, State st, long t, List<ButtonEvent> out) {
        st.stable = true;
        st.pressedAtNanos = t;
        st.longFired = false;
        st.repeats = 0;
        out.add(new ButtonEvent.Pressed(b, t));
        held.add(b);
        if (held.size() >= 2) {
            multi = true;
        }
        if (multi) {
            for (Button h : held) {
                states.get(h).suppressed = true;
                states.get(h).timerNanos = NONE;
            }
        } else {
            st.suppressed = false;
            st.timerNanos = t + (timing.repeating().contains(b) ? timing.repeatDelayNanos() : timing.longPressNanos());
        }
        rearmChord(t);
    }

    private void released(Button b, State st, long t, List<ButtonEvent> out) {
        st.stable = false;
        st.timerNanos = NONE;
        out.add(new ButtonEvent.Released(b, t, t - st.pressedAtNanos));
        if (!st.suppressed) {
            boolean gestured = timing.repeating().contains(b) ? st.repeats > 0 : st.longFired;
            if (!gestured) {
                out.add(new ButtonEvent.Clicked(b, t));
            }
        }
        held.remove(b);
        if (held.isEmpty()) {
            multi = false;
            firedChords.clear();
        }
        rearmChord(t);
    }

    private void rearmChord(long t) {
        armed = null;
        for (Chord chord : timing.chords()) {
            if (chord.buttons().equals(held) && !firedChords.contains(chord)) {
                armed = chord;
                armedAtNanos = t;
                return;
            }
        }
    }

    private void deliver(List<ButtonEvent> events) {
        Consumer<ButtonEvent> l = listener;
        for (int i = 0; i < events.size(); i++) {
            l.accept(events.get(i));
        }
    }
}
