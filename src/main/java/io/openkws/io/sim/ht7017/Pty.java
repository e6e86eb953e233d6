package io.openkws.io.sim.ht7017;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * A Linux/POSIX pseudo-terminal pair opened through the C library with the foreign-function API, in raw mode.
 *
 * <p>Exists so a simulated chip can be served on a real tty path that jSerialComm opens, without an external
 * program such as socat (the HT7017 server here, the TuyaMCU module emulator in tests). On the master side one thread
 * may poll and read while another writes (they use separate halves of the native buffer).
 */
public final class Pty implements AutoCloseable {

    private static final int O_RDWR = 2;
    private static final int O_NOCTTY = 0x100;
    private static final int TCSANOW = 0;
    static final short POLLIN = 1;
    static final short POLLERR = 8;
    static final short POLLHUP = 0x10;
    private static final long TERMIOS_BYTES = 256;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final MethodHandle POSIX_OPENPT = fn("posix_openpt", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle GRANTPT = fn("grantpt", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle UNLOCKPT = fn("unlockpt", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle PTSNAME = fn("ptsname", FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle TCGETATTR = fn("tcgetattr", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
    private static final MethodHandle TCSETATTR = fn("tcsetattr", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
    private static final MethodHandle CFMAKERAW = fn("cfmakeraw", FunctionDescriptor.ofVoid(ValueLayout.ADDRESS));
    private static final MethodHandle OPEN = LINKER.downcallHandle(LIBC.find("open").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT),
            Linker.Option.firstVariadicArg(2));
    private static final MethodHandle READ = fn("read", FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
    private static final MethodHandle WRITE = fn("write", FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
    private static final MethodHandle POLL = fn("poll", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
    private static final MethodHandle CLOSE = fn("close", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

    private final Arena arena = Arena.ofShared();
    private final MemorySegment io = arena.allocate(512);
    private final MemorySegment pollFd = arena.allocate(8, 4);
    private final int master;
    private final int slaveKeeper;
    private final String path;

    private Pty(int master, int slaveKeeper, String path) {
        this.master = master;
        this.slaveKeeper = slaveKeeper;
        this.path = path;
    }

    /** Opens a new pair in raw mode (no echo, no line editing, 8 bits). */
    public static Pty open() throws IOException {
        try {
            int fd = (int) POSIX_OPENPT.invokeExact(O_RDWR | O_NOCTTY);
            if (fd < 0) {
                throw new IOException("posix_openpt failed");
            }
            if ((int) GRANTPT.invokeExact(fd) != 0 || (int) UNLOCKPT.invokeExact(fd) != 0) {
                closeFd(fd);
                throw new IOException("grantpt/unlockpt failed");
            }
            MemorySegment name = (MemorySegment) PTSNAME.invokeExact(fd);
            if (name.equals(MemorySegment.NULL)) {
                closeFd(fd);
                throw new IOException("ptsname failed");
            }
            String path = name.reinterpret(256).getString(0);
            try (Arena temp = Arena.ofConfined()) {
                MemorySegment termios = temp.allocate(TERMIOS_BYTES, 8);
                if ((int) TCGETATTR.invokeExact(fd, termios) != 0) {
                    closeFd(fd);
                    throw new IOException("tcgetattr failed");
                }
                CFMAKERAW.invokeExact(termios);
                if ((int) TCSETATTR.invokeExact(fd, TCSANOW, termios) != 0) {
                    closeFd(fd);
                    throw new IOException("tcsetattr failed");
                }
                int keeper = (int) OPEN.invokeExact(temp.allocateFrom(path), O_RDWR | O_NOCTTY, 0);
                if (keeper < 0) {
                    closeFd(fd);
                    throw new IOException("cannot open " + path);
                }
                return new Pty(fd, keeper, path);
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("pseudo-terminal via the C library failed: " + t, t);
        }
    }

    /** The slave side's path, e.g. {@code /dev/pts/7}. */
    public String path() {
        return path;
    }

    /** Waits up to {@code timeoutMillis} for input; returns the revents bits (0 on timeout). */
    public int poll(int timeoutMillis) {
        pollFd.set(ValueLayout.JAVA_INT, 0, master);
        pollFd.set(ValueLayout.JAVA_SHORT, 4, POLLIN);
        pollFd.set(ValueLayout.JAVA_SHORT, 6, (short) 0);
        try {
            int r = (int) POLL.invokeExact(pollFd, 1L, timeoutMillis);
            return r > 0 ? pollFd.get(ValueLayout.JAVA_SHORT, 6) : 0;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Reads what the host wrote, at most {@code buffer.length} bytes; returns -1 on error. */
    public int read(byte[] buffer) {
        try {
            long n = (long) READ.invokeExact(master, io, (long) Math.min(buffer.length, 256));
            if (n > 0) {
                MemorySegment.copy(io, ValueLayout.JAVA_BYTE, 0, buffer, 0, (int) n);
            }
            return (int) n;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Sends bytes to the host. */
    public void write(byte[] buffer, int length) {
        MemorySegment.copy(buffer, 0, io, ValueLayout.JAVA_BYTE, 256, length);
        try {
            long ignored = (long) WRITE.invokeExact(master, io.asSlice(256), (long) length);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @Override
    public void close() {
        closeFd(slaveKeeper);
        closeFd(master);
        arena.close();
    }

    private static void closeFd(int fd) {
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static MethodHandle fn(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LIBC.find(name).orElseThrow(() -> new UnsatisfiedLinkError(name)), descriptor);
    }
}
