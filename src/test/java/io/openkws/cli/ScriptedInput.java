package io.openkws.cli;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Standard input for a scripted dialogue: hands out one line per read, and runs the line's action (change the
 * simulated load, say) just before the program gets it, that is when the program asks for it.
 */
final class ScriptedInput extends InputStream {

    private record Entry(Runnable before, String line) {
    }

    private final Deque<Entry> entries = new ArrayDeque<>();
    private byte[] current = new byte[0];
    private int pos;

    ScriptedInput line(String line) {
        return line(() -> { }, line);
    }

    ScriptedInput line(Runnable before, String line) {
        entries.add(new Entry(before, line));
        return this;
    }

    private boolean next() {
        if (pos < current.length) {
            return true;
        }
        Entry e = entries.poll();
        if (e == null) {
            return false;
        }
        e.before().run();
        current = (e.line() + "\n").getBytes(StandardCharsets.UTF_8);
        pos = 0;
        return true;
    }

    @Override
    public int read() {
        return next() ? current[pos++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (!next()) {
            return -1;
        }
        int n = Math.min(len, current.length - pos);
        System.arraycopy(current, pos, b, off, n);
        pos += n;
        return n;
    }
}
