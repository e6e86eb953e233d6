package io.openkws.meter.ht7017;

import io.openkws.driver.ht7017.Ht7017Frames;

/**
 * Which HT7017 register to read next, and when: voltage just after the chip's measurement update, then current,
 * then power, then slow registers until the next update, once the update instants have been learnt; today's
 * unsynchronised rotation until then, and whenever they cannot be learnt.
 *
 * <p>Exists because a read costs 13.75 ms and the chip refreshes its registers only every update period (80 or
 * 320 ms on the real chip, undocumented; 100 ms in the simulator). An unsynchronised Rms_U read waits 0 to 27.5 ms
 * after the update before it sees it; one aimed just after the update waits a millisecond or two. The schedule
 * learns the instants from the Rms_U reads themselves: a value that changed between two reads places an update
 * between them, one that did not places none. It keeps the last {@value #WINDOW} such intervals, each numbered by
 * the update it contains, and solves them for the period and phase exactly (every pair of intervals bounds the
 * period; the bounds that remain give the update's earliest and latest possible instant). The voltage read is aimed
 * a {@link Timing#marginNanos() margin} after the earliest possible instant, or inside a wide bracket to narrow it;
 * a read that comes back unchanged was early and is repeated at once until the value changes, which also tells the
 * schedule where the update really was: a little later than thought (the solution moves), much later (the
 * intervals no longer fit: lock is given up and learnt again), or a period later (the value had repeated by chance,
 * about one update in a thousand at the simulator's noise: nothing changes). Intervals that no longer fit (the period
 * drifted, the chip was reset) are dropped oldest first.
 *
 * <p>Without lock ({@link #locked()} false) the schedule is the fixed rotation Rms_I1, PowerP1, Rms_I1, PowerP1, a
 * slow item, each followed by Rms_U, a poll per pair: exactly the schedule the chip used before, so a signal that
 * never changes (the simulator without noise), or changes at random, is read as it always was. Lock needs
 * {@value #LOCK_OBSERVATIONS} consecutive consistent changes (numbered one update each, so voltage reads must not be
 * further apart than the shortest period locked to) and a period between {@link Timing#minPeriodNanos()}
 * (voltage, current and power must fit in one) and {@link Timing#maxPeriodNanos()}; it is given up when the voltage
 * did not change for a whole period, when too few intervals still fit, and on {@link #restart()}
 * (the chip was initialised again, so its update instants moved).
 *
 * <p>Pure: time comes in as arguments and the schedule never waits; the chip waits until
 * {@link #startAtNanos()} through its clock. Allocates nothing. Not thread-safe; the control loop owns it.
 */
public final class PhaseLockedSchedule {

    /** What to read. */
    public enum Read { VOLTAGE, CURRENT, POWER, SLOW }

    /**
     * Wire timing and limits.
     *
     * @param readNanos      one register read, request to last reply byte
     * @param latchNanos     from the start of a read to the instant the chip takes the value (the request's bytes)
     * @param marginNanos    how long after the earliest possible update instant the voltage read is aimed
     * @param minPeriodNanos shortest update period locked to (a voltage, current and power read and one more fit)
     * @param maxPeriodNanos longest update period locked to
     */
    public record Timing(long readNanos, long latchNanos, long marginNanos, long minPeriodNanos, long maxPeriodNanos) {
        public Timing {
            if (readNanos <= 0 || latchNanos < 0 || latchNanos > readNanos || marginNanos < 0
                    || marginNanos >= readNanos || minPeriodNanos < 3 * readNanos || maxPeriodNanos < minPeriodNanos) {
                throw new IllegalArgumentException("inconsistent schedule timing " + this);
            }
        }

        /** The HT7017 at 4800 8E1: a read is 6 byte times, the chip takes the value after the 2 request bytes. */
        public static Timing ht7017() {
            long b = Ht7017Frames.BYTE_NANOS;
            return new Timing(6 * b, 2 * b, 1_500_000L, 4 * 6 * b, 2_000_000_000L);
        }
    }

    /** Change intervals kept for the solution. */
    static final int WINDOW = 128;
    /** Consecutive consistent changes before lock. */
    static final int LOCK_OBSERVATIONS = 10;
    /**
     * Fewer consistent intervals than this and lock is given up: a drifting period costs the oldest few, an update
     * phase that jumped (a reset the driver did not see) nearly all of them.
     */
    static final int KEEP_OBSERVATIONS = 8;
    /** The period's bounds must agree to this fraction before lock. */
    private static final double LOCK_PERIOD_SPREAD = 0.05;
    /** Slack left before the next voltage read when deciding whether a slow read still fits. */
    private static final long SLOW_GUARD_NANOS = 500_000L;
    static final int FALLBACK_ROUND = 5;
    /** A bracket wider than this many margins is narrowed by aiming inside it (a read may come early). */
    private static final int PROBE_WIDTH_MARGINS = 2;
    private static final int BRACKET_SEARCH_STEPS = 40;

    private final Timing timing;
    private final long[] lower = new long[WINDOW];
    private final long[] upper = new long[WINDOW];
    private final long[] index = new long[WINDOW];
    private int head;
    private int count;
    private double periodNanos = Double.NaN;
    private double periodLowNanos;
    private double periodHighNanos;
    private long bracketLowNanos;
    private long bracketHighNanos;

    private boolean locked;
    private boolean haveVoltage;
    private int lastVoltageRaw;
    private long lastVoltageEarliestNanos;
    private long sequenceIndex;

    private int fallbackPhase;
    private boolean fallbackVoltageNext;

    /** Locked: 0 = the planned update's voltage read is next, 1 = current, 2 = power, 3 = slow reads. */
    private int step;
    private long lastIndex;
    private long plannedIndex;
    private int rereads;
    private long firstVoltageStartNanos;

    private long startAtNanos;
    /** Counts changes of the interval set, so a start computed for it can be reused until it changes. */
    private long solution;
    private long cachedSolution = -1;
    private long cachedIndex;
    private long cachedStartNanos;
    private long locks;
    private long unlocks;
    private long totalRereads;
    private long misses;

    public PhaseLockedSchedule(Timing timing) {
        this.timing = timing;
    }

    /**
     * Decides the next read at {@code nowNanos} and returns it; {@link #startAtNanos()} then says when it should
     * start (later than now only for a locked voltage read). Changes nothing that a read's outcome decides: the
     * chip reports that with {@link #itemRead}, {@link #voltageRead} or {@link #readFailed()}.
     */
    public Read plan(long nowNanos) {
        startAtNanos = nowNanos;
        if (!locked) {
            if (fallbackVoltageNext) {
                return Read.VOLTAGE;
            }
            return switch (fallbackPhase) {
                case 0, 2 -> Read.CURRENT;
                case 1, 3 -> Read.POWER;
                default -> Read.SLOW;
            };
        }
        switch (step) {
            case 1:
                return Read.CURRENT;
            case 2:
                return Read.POWER;
            case 3:
                if (nowNanos + timing.readNanos() + SLOW_GUARD_NANOS <= voltageStartNanos(nowNanos)) {
                    return Read.SLOW;
                }
                step = 0;
                break;
            default:
                break;
        }
        startAtNanos = Math.max(nowNanos, voltageStartNanos(nowNanos));
        return Read.VOLTAGE;
    }

    /** When the read {@link #plan} returned should start (on the clock the times come from). */
    public long startAtNanos() {
        return startAtNanos;
    }

    /** Whether a poll ends after {@code read}: after every voltage read, and after every read while locked. */
    public boolean pollEnds(Read read) {
        return read == Read.VOLTAGE || locked;
    }

    /** A current, power or slow read {@link #plan} asked for completed. */
    public void itemRead(Read read) {
        if (!locked) {
            fallbackPhase = (fallbackPhase + 1) % FALLBACK_ROUND;
            fallbackVoltageNext = true;
        } else if (read == Read.CURRENT) {
            step = 2;
        } else if (read == Read.POWER) {
            step = 3;
        }
    }

    /**
     * A voltage read that started at {@code startNanos} and ended at {@code endNanos} returned {@code raw}.
     * Returns true when the voltage must be read again at once (locked, and the update had not come yet).
     */
    public boolean voltageRead(long startNanos, long endNanos, int raw) {
        long earliest = startNanos + timing.latchNanos();
        long latest = Math.max(earliest, endNanos - (timing.readNanos() - timing.latchNanos()));
        boolean known = haveVoltage;
        boolean changed = known && raw != lastVoltageRaw;
        boolean wasLocked = locked;
        if (!locked && known && earliest - lastVoltageEarliestNanos > timing.minPeriodNanos()) {
            clear();
        }
        if (changed) {
            observe(lastVoltageEarliestNanos, latest);
        }
        haveVoltage = true;
        lastVoltageRaw = raw;
        lastVoltageEarliestNanos = earliest;
        if (!locked) {
            fallbackVoltageNext = false;
            return false;
        }
        if (!wasLocked || !known) {
            beginPeriod();
            return false;
        }
        if (step != 0) {
            return false;
        }
        if (changed) {
            beginPeriod();
            return false;
        }
        if (rereads == 0) {
            firstVoltageStartNanos = startNanos;
        }
        if (endNanos - firstVoltageStartNanos < periodNanos + timing.readNanos()) {
            rereads++;
            totalRereads++;
            return true;
        }
        misses++;
        unlock();
        return false;
    }

    /**
     * A read failed: the next poll starts afresh (as the fixed rotation always did), the last voltage is forgotten
     * and, before lock, so are the changes counted so far (updates may have passed unseen).
     */
    public void readFailed() {
        fallbackVoltageNext = false;
        if (!locked) {
            clear();
        }
        haveVoltage = false;
        rereads = 0;
        if (locked && step == 0) {
            step = 1;
        }
    }

    /** The chip was initialised again: its update instants moved, so everything learnt is forgotten. */
    public void restart() {
        if (locked) {
            unlock();
        } else {
            clear();
        }
        haveVoltage = false;
    }

    /** Whether the reads are locked to the chip's updates. */
    public boolean locked() {
        return locked;
    }

    /** The update period learnt, ns; NaN while unknown. */
    public double periodNanos() {
        return periodNanos;
    }

    /** Times lock was gained. */
    public long locks() {
        return locks;
    }

    /** Times lock was given up. */
    public long unlocks() {
        return unlocks;
    }

    /** Voltage reads repeated because they came too early. */
    public long rereads() {
        return totalRereads;
    }

    /** Update periods without any change of the voltage (each gave up lock). */
    public long misses() {
        return misses;
    }

    private void beginPeriod() {
        rereads = 0;
        step = 1;
        plannedIndex = lastIndex + 1;
    }

    /** A change between the read whose value is taken at or after {@code a} and the one taken at or before {@code b}. */
    private void observe(long a, long b) {
        long n;
        if (locked) {
            n = predictedIndex(b);
        } else {
            n = count == 0 ? 0 : ++sequenceIndex;
        }
        sequenceIndex = n;
        add(a, b, n);
        boolean solved = solve();
        if (locked) {
            if (!solved || count < KEEP_OBSERVATIONS || !periodInRange() || !periodAgreed()) {
                unlock();
                return;
            }
            lastIndex = Math.max(lastIndex, n);
        } else if (solved && count >= LOCK_OBSERVATIONS && periodInRange() && periodAgreed()) {
            locked = true;
            locks++;
            lastIndex = n;
            step = 1;
        }
    }

    /** The update a change seen by {@code b} belongs to: the last one the solution places at or before it. */
    private long predictedIndex(long b) {
        bracket(plannedIndex);
        double centre = (bracketLowNanos + (double) bracketHighNanos) / 2;
        return plannedIndex + (long) Math.floor((b - centre + periodNanos / 4) / periodNanos);
    }

    private boolean periodAgreed() {
        return periodHighNanos - periodLowNanos <= LOCK_PERIOD_SPREAD * periodNanos;
    }

    private boolean periodInRange() {
        return !Double.isNaN(periodNanos) && periodNanos >= timing.minPeriodNanos()
                && periodNanos <= timing.maxPeriodNanos();
    }

    /**
     * When the voltage read for the planned update should start: the earliest possible update plus the margin, or
     * inside the bracket while it is wider than the margin (never more than a read before its latest possible
     * instant, so one repeat always sees the update). Skips updates whose read would already be late.
     */
    private long voltageStartNanos(long nowNanos) {
        long start = voltageStartFor(plannedIndex);
        while (voltageStartFor(plannedIndex + 1) <= nowNanos) {
            plannedIndex++;
            start = voltageStartFor(plannedIndex);
        }
        return start;
    }

    private long voltageStartFor(long n) {
        if (n == cachedIndex && solution == cachedSolution) {
            return cachedStartNanos;
        }
        bracket(n);
        double low = bracketLowNanos;
        double high = bracketHighNanos;
        double width = high - low;
        double margin = timing.marginNanos();
        double target = width <= PROBE_WIDTH_MARGINS * margin ? Math.max(high, low + margin)
                : Math.max(low + margin, high - Math.min(width / 2, timing.readNanos() - margin));
        cachedIndex = n;
        cachedSolution = solution;
        cachedStartNanos = Math.round(target) - timing.latchNanos();
        return cachedStartNanos;
    }

    /**
     * The earliest and latest instant update {@code n} can have under any period the intervals allow, into the
     * bracket fields. For one period the bounds are the tightest interval shifted to {@code n}; the lower is convex
     * and the upper concave in the period, so a ternary search over the allowed range finds their extremes.
     */
    private void bracket(long n) {
        long base = upper[slot(count - 1)];
        double span = periodHighNanos - periodLowNanos;
        double from = periodLowNanos + span * 1e-6;
        double to = periodHighNanos - span * 1e-6;
        double a = from;
        double b = to;
        for (int i = 0; i < BRACKET_SEARCH_STEPS; i++) {
            double m1 = a + (b - a) / 3;
            double m2 = b - (b - a) / 3;
            if (lowAt(n, base, m1) < lowAt(n, base, m2)) {
                b = m2;
            } else {
                a = m1;
            }
        }
        bracketLowNanos = base + (long) Math.floor(lowAt(n, base, (a + b) / 2));
        a = from;
        b = to;
        for (int i = 0; i < BRACKET_SEARCH_STEPS; i++) {
            double m1 = a + (b - a) / 3;
            double m2 = b - (b - a) / 3;
            if (highAt(n, base, m1) > highAt(n, base, m2)) {
                b = m2;
            } else {
                a = m1;
            }
        }
        bracketHighNanos = base + (long) Math.ceil(highAt(n, base, (a + b) / 2));
    }

    /** Update {@code n}'s earliest instant if the period were {@code period}, relative to {@code base}. */
    private double lowAt(long n, long base, double period) {
        double low = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < count; i++) {
            int k = slot(i);
            low = Math.max(low, (lower[k] - base) + (n - index[k]) * period);
        }
        return low;
    }

    /** Update {@code n}'s latest instant if the period were {@code period}, relative to {@code base}. */
    private double highAt(long n, long base, double period) {
        double high = Double.POSITIVE_INFINITY;
        for (int i = 0; i < count; i++) {
            int k = slot(i);
            high = Math.min(high, (upper[k] - base) + (n - index[k]) * period);
        }
        return high;
    }

    /**
     * Keeps the newest intervals that fit one period and phase (dropping the oldest until they do) and sets the
     * period to the middle of what they allow. Returns false when fewer than two are left or they bound no period.
     */
    private boolean solve() {
        while (count >= 2) {
            double low = 0;
            double high = Double.POSITIVE_INFINITY;
            boolean fits = true;
            for (int i = 0; i < count && fits; i++) {
                for (int j = i + 1; j < count; j++) {
                    int ki = slot(i);
                    int kj = slot(j);
                    long dn = index[kj] - index[ki];
                    if (dn == 0) {
                        if (lower[kj] >= upper[ki] || lower[ki] >= upper[kj]) {
                            fits = false;
                            break;
                        }
                        continue;
                    }
                    if (dn < 0) {
                        int t = ki;
                        ki = kj;
                        kj = t;
                        dn = -dn;
                    }
                    low = Math.max(low, (double) (lower[kj] - upper[ki]) / dn);
                    high = Math.min(high, (double) (upper[kj] - lower[ki]) / dn);
                }
            }
            if (fits && low < high) {
                periodLowNanos = low;
                periodHighNanos = high;
                periodNanos = Double.isInfinite(high) ? Double.NaN : (low + high) / 2;
                return !Double.isNaN(periodNanos);
            }
            head = slot(1);
            count--;
        }
        periodNanos = Double.NaN;
        return false;
    }

    private void add(long a, long b, long n) {
        solution++;
        if (count == WINDOW) {
            head = slot(1);
            count--;
        }
        int k = slot(count);
        lower[k] = a;
        upper[k] = b;
        index[k] = n;
        count++;
    }

    private int slot(int i) {
        return (head + i) % WINDOW;
    }

    private void unlock() {
        locked = false;
        unlocks++;
        clear();
        fallbackPhase = 0;
        fallbackVoltageNext = false;
        rereads = 0;
    }

    private void clear() {
        solution++;
        head = 0;
        count = 0;
        sequenceIndex = 0;
        periodNanos = Double.NaN;
    }
}
