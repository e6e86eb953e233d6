package io.openkws.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * Crash-safe storage of {@link PersistedState} in a directory, for meters that lose power without warning.
 *
 * <p>Two slot files ({@code state-a.json}, {@code state-b.json}) each hold a sequence number, the state and a
 * CRC32 of the state. A save writes the slot that does not hold the newest copy: to a temporary file, fsync,
 * atomic rename, fsync of the directory. Loading takes the valid slot with the highest sequence, so a torn or
 * corrupted write falls back to the previous copy (one write interval lost at most) and a state never goes
 * backwards. Saves that fail (read-only or full disk) throw {@link IOException}: the caller warns and keeps
 * protecting.
 */
public final class StateStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] SLOTS = {"state-a.json", "state-b.json"};

    private final Path directory;
    private long sequence;
    private int newestSlot = -1;

    /** The outcome of {@link #load()}: the state and any warnings about slots that could not be used. */
    public record Loaded(PersistedState state, long sequence, List<String> warnings) {
    }

    public StateStore(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    /**
     * Loads the newest valid copy, or a fresh state (with a warning if files existed but none was valid). A saved
     * day after {@code today} starts a new day, with a warning ({@link PersistedState#restartDay}).
     */
    public synchronized Loaded load(LocalDate today) {
        List<String> warnings = new ArrayList<>();
        PersistedState best = null;
        long bestSeq = -1;
        int bestSlot = -1;
        boolean anyFile = false;
        for (int i = 0; i < SLOTS.length; i++) {
            Path file = directory.resolve(SLOTS[i]);
            try {
                byte[] bytes = Files.readAllBytes(file);
                anyFile = true;
                JsonNode root = JSON.readTree(bytes);
                long seq = root.path("seq").asLong(-1);
                JsonNode state = root.get("state");
                if (seq < 0 || state == null || !state.isObject()) {
                    throw new IOException("incomplete");
                }
                String canonical = JSON.writeValueAsString(state);
                if (root.path("crc").asLong(-1) != crc(canonical)) {
                    throw new IOException("checksum mismatch");
                }
                PersistedState parsed = fromJson(state);
                if (seq > bestSeq) {
                    best = parsed;
                    bestSeq = seq;
                    bestSlot = i;
                }
            } catch (NoSuchFileException e) {
                // an absent slot is normal before the second save
            } catch (IOException | RuntimeException e) {
                warnings.add(file + ": unusable (" + e.getMessage() + "), using the other copy");
            }
        }
        if (best == null) {
            if (anyFile) {
                warnings.add(directory + ": no valid saved state, starting from zero");
            }
            best = PersistedState.fresh(today);
            bestSeq = 0;
        }
        if (best.day().isAfter(today)) {
            warnings.add(String.format(Locale.ROOT, "%s: the saved day %s is after today %s (the clock went back, or a"
                    + " bad RTC): starting a new day; the saved day's %.3f kWh count as yesterday's", directory,
                    best.day(), today, best.energyTodayKWh()));
            best = best.restartDay(today);
        }
        sequence = bestSeq;
        newestSlot = bestSlot;
        return new Loaded(best, bestSeq, warnings);
    }

    /** Saves {@code state} durably as the newest copy. */
    public synchronized void save(PersistedState state) throws IOException {
        Files.createDirectories(directory);
        long seq = sequence + 1;
        ObjectNode stateJson = toJson(state);
        String canonical = JSON.writeValueAsString(stateJson);
        ObjectNode root = JSON.createObjectNode();
        root.put("seq", seq);
        root.put("crc", crc(canonical));
        root.set("state", stateJson);
        byte[] bytes = JSON.writeValueAsBytes(root);

        int slot = newestSlot == 0 ? 1 : 0;
        Path target = directory.resolve(SLOTS[slot]);
        Path temp = directory.resolve(SLOTS[slot] + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        syncDirectory();
        sequence = seq;
        newestSlot = slot;
    }

    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // some file systems cannot sync a directory; the rename is still atomic
        }
    }

    private static long crc(String canonical) {
        CRC32 crc = new CRC32();
        crc.update(canonical.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }

    private static ObjectNode toJson(PersistedState s) {
        ObjectNode node = JSON.createObjectNode();
        node.put("energyKWh", s.energyKWh());
        node.put("energyTodayKWh", s.energyTodayKWh());
        node.put("energyYesterdayKWh", s.energyYesterdayKWh());
        node.put("day", s.day().toString());
        node.put("runTimeSeconds", s.runTimeSeconds());
        node.put("relayOn", s.relayOn());
        node.put("energyThisMonthKWh", s.energyThisMonthKWh());
        node.put("energyLastMonthKWh", s.energyLastMonthKWh());
        ObjectNode settings = node.putObject("settings");
        new TreeMap<>(s.settings()).forEach(settings::put);
        return node;
    }

    private static PersistedState fromJson(JsonNode n) throws IOException {
        double energy = n.path("energyKWh").asDouble(Double.NaN);
        double today = n.path("energyTodayKWh").asDouble(Double.NaN);
        double yesterday = n.path("energyYesterdayKWh").asDouble(Double.NaN);
        if (!(energy >= 0) || !(today >= 0) || !(yesterday >= 0)) {
            throw new IOException("bad energy values");
        }
        Map<String, String> settings = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.path("settings").properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            settings.put(e.getKey(), e.getValue().asText());
        }
        LocalDate day;
        try {
            day = LocalDate.parse(n.path("day").asText());
        } catch (RuntimeException e) {
            throw new IOException("bad day");
        }
        double thisMonth = n.path("energyThisMonthKWh").asDouble(0);
        double lastMonth = n.path("energyLastMonthKWh").asDouble(0);
        if (!(thisMonth >= 0) || !(lastMonth >= 0)) {
            throw new IOException("bad month energy values");
        }
        return new PersistedState(energy, today, yesterday, day, n.path("runTimeSeconds").asLong(0),
                n.path("relayOn").asBoolean(false), settings, thisMonth, lastMonth);
    }
}
