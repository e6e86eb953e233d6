package io.openkws.fuzz;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * The rule every fuzz target checks, and the inputs of the bounded exploration that runs with the test suite.
 *
 * <p>Exists so all fuzz targets judge an outcome the same way: returning normally is fine; the target's
 * documented error type is fine when its message is one non-blank line (the CLI prints it as that one line);
 * anything else (NullPointerException, IndexOutOfBoundsException, NumberFormatException, StackOverflowError,
 * OutOfMemoryError, or no answer within {@link #PER_INPUT_SECONDS}, an infinite loop) fails, with the input in
 * Base64 so it can be added to the committed corpus as a regression case.
 *
 * <p>Jazzer replays the committed corpus ({@code <TestClass>Inputs/<method>/} beside the test class in the test
 * resources) and fuzzes one target at a time with {@code JAZZER_FUZZ=1}; since its fuzzing mode runs only one
 * target per JVM, the suite's bounded exploration of every target is a jqwik property over random bytes and
 * mutations of the same corpus files, with a fixed seed so {@code mvn verify} is reproducible.
 */
final class FuzzHarness {

    /** A single input taking longer than this is taken for an infinite loop. */
    static final long PER_INPUT_SECONDS = 5;

    /** Largest input the exploration generates: enough for every seed, small enough that OOM means a bug. */
    static final int MAX_INPUT_BYTES = 8192;

    private static final Pattern LINE_BREAK = Pattern.compile("\\R");

    private static final ExecutorService RUNNER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fuzz-target");
        t.setDaemon(true);
        return t;
    });

    private FuzzHarness() {
    }

    /** A target run on one input; may throw. */
    @FunctionalInterface
    interface Target {
        void run() throws Exception;
    }

    /**
     * Runs {@code target} with a time limit and fails unless it returns or throws {@code documented} with a
     * one-line message.
     */
    static void survives(byte[] input, Class<? extends Throwable> documented, Target target) {
        Future<Throwable> outcome = RUNNER.submit(() -> {
            try {
                target.run();
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        Throwable thrown;
        try {
            thrown = outcome.get(PER_INPUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            outcome.cancel(true);
            throw new AssertionError("no answer within " + PER_INPUT_SECONDS + " s (an infinite loop?) for input "
                    + describe(input));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException e) {
            throw new AssertionError("harness failure", e.getCause());
        }
        if (thrown == null) {
            return;
        }
        if (thrown instanceof AssertionError checkFailed) {
            throw checkFailed;
        }
        if (!documented.isInstance(thrown)) {
            throw new AssertionError("undocumented " + thrown.getClass().getName() + " escaped for input "
                    + describe(input), thrown);
        }
        requireOneLine(thrown.getMessage(), input, thrown);
    }

    /** Runs {@code target} with a time limit and fails if anything at all escapes. */
    static void neverThrows(byte[] input, Target target) {
        survives(input, NothingEscapes.class, target);
    }

    /** Never thrown: the documented error of targets that must not throw at all. */
    private static final class NothingEscapes extends RuntimeException {
        private NothingEscapes() {
            super("never thrown");
        }
    }

    /** Fails unless {@code message} is one non-blank line. */
    static void requireOneLine(String message, byte[] input, Throwable cause) {
        if (message == null || message.isBlank() || LINE_BREAK.matcher(message).find()) {
            throw new AssertionError("error message is not one non-blank line: " + javaString(message)
                    + " for input " + describe(input), cause);
        }
    }

    /** The input as UTF-8 text, malformed sequences replaced, as a text file read leniently would give it. */
    static String text(byte[] input) {
        return new String(input, StandardCharsets.UTF_8);
    }

    /** The committed corpus files of {@code testClass}'s fuzz test {@code method}, in name order. */
    static List<byte[]> corpus(Class<?> testClass, String method) {
        String dir = testClass.getSimpleName() + "Inputs/" + method;
        URL url = testClass.getResource(dir);
        if (url == null) {
            throw new IllegalStateException("no corpus directory " + dir + " beside " + testClass.getName());
        }
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            List<byte[]> seeds = new ArrayList<>();
            for (Path f : files.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList()) {
                seeds.add(Files.readAllBytes(f));
            }
            if (seeds.isEmpty()) {
                throw new IllegalStateException("empty corpus directory " + dir);
            }
            return seeds;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads one classpath resource (a seed shared with other tests). */
    static byte[] resource(String name) {
        try (InputStream in = FuzzHarness.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Inputs for the bounded exploration: mostly mutated corpus files (bit flips, random bytes, deletions,
     * duplications, splices with another seed, dictionary tokens), some random bytes and some random token soup.
     */
    static Arbitrary<byte[]> explore(List<byte[]> seeds, List<String> dictionary) {
        List<byte[]> tokens = dictionary.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
        Arbitrary<byte[]> mutated = Combinators.combine(Arbitraries.of(seeds), Arbitraries.longs())
                .as((seed, r) -> mutate(seed, new Random(r), seeds, tokens));
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(512);
        Arbitrary<byte[]> soup = Arbitraries.longs().map(r -> soup(new Random(r), tokens));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, mutated),
                net.jqwik.api.Tuple.of(1, random),
                net.jqwik.api.Tuple.of(1, soup));
    }

    private static byte[] mutate(byte[] seed, Random r, List<byte[]> seeds, List<byte[]> tokens) {
        var out = new java.io.ByteArrayOutputStream();
        out.writeBytes(seed);
        byte[] b = out.toByteArray();
        int rounds = 1 + r.nextInt(8);
        for (int k = 0; k < rounds; k++) {
            int pos = b.length == 0 ? 0 : r.nextInt(b.length + 1);
            b = switch (r.nextInt(8)) {
                case 0 -> b.length == 0 ? b : flipBit(b, r);
                case 1 -> splice(b, pos, pos, new byte[] {(byte) r.nextInt(256)});
                case 2 -> splice(b, pos, Math.min(b.length, pos + 1 + r.nextInt(16)), new byte[0]);
                case 3 -> splice(b, pos, pos, slice(b, r, 32));
                case 4 -> splice(b, pos, pos, tokens.isEmpty() ? new byte[] {0} : tokens.get(r.nextInt(tokens.size())));
                case 5 -> splice(b, pos, b.length, slice(seeds.get(r.nextInt(seeds.size())), r, 256));
                case 6 -> splice(b, pos, Math.min(b.length, pos + 1), new byte[] {(byte) interesting(r)});
                default -> java.util.Arrays.copyOf(b, pos);
            };
            if (b.length > MAX_INPUT_BYTES) {
                b = java.util.Arrays.copyOf(b, MAX_INPUT_BYTES);
            }
        }
        return b;
    }

    private static byte[] soup(Random r, List<byte[]> tokens) {
        var out = new java.io.ByteArrayOutputStream();
        int n = r.nextInt(40);
        for (int i = 0; i < n; i++) {
            if (!tokens.isEmpty() && r.nextInt(3) > 0) {
                out.writeBytes(tokens.get(r.nextInt(tokens.size())));
            } else {
                out.write(interesting(r));
            }
        }
        return out.toByteArray();
    }

    private static int interesting(Random r) {
        int[] values = {0x00, 0x0A, 0x0D, 0x20, 0x23, 0x2C, 0x2D, 0x30, 0x31, 0x39, 0x3A, 0x55, 0x6A, 0x7F, 0x80,
                0xAA, 0xC6, 0xFF};
        return r.nextBoolean() ? values[r.nextInt(values.length)] : r.nextInt(256);
    }

    private static byte[] flipBit(byte[] b, Random r) {
        byte[] c = b.clone();
        int i = r.nextInt(c.length);
        c[i] ^= (byte) (1 << r.nextInt(8));
        return c;
    }

    private static byte[] slice(byte[] b, Random r, int maxLength) {
        if (b.length == 0) {
            return b;
        }
        int from = r.nextInt(b.length);
        int to = Math.min(b.length, from + 1 + r.nextInt(maxLength));
        return java.util.Arrays.copyOfRange(b, from, to);
    }

    private static byte[] splice(byte[] b, int from, int to, byte[] insert) {
        byte[] c = new byte[from + insert.length + (b.length - to)];
        System.arraycopy(b, 0, c, 0, from);
        System.arraycopy(insert, 0, c, from, insert.length);
        System.arraycopy(b, to, c, from + insert.length, b.length - to);
        return c;
    }

    private static String describe(byte[] input) {
        return "(base64) " + Base64.getEncoder().encodeToString(input);
    }

    private static String javaString(String s) {
        if (s == null) {
            return "null";
        }
        return '"' + s.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r") + '"';
    }
}
