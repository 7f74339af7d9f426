package dev.fovea.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.fovea.model.Checkpoint;
import dev.fovea.model.Model;
import dev.fovea.model.Sequential;
import dev.fovea.tensor.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety of model files and checkpoints: a child JVM ({@link WriteLoop}) writes both in a
 * loop and is killed with SIGKILL at a random moment, 100 times; after every kill each destination
 * must load and hold exactly the last write the child completed or the one it was in the middle
 * of, never a torn file, and at most one temporary file per destination may be left over (the
 * killed writer's; the next writer deletes it).
 */
class AtomicFilesKillTest {
    private static final int KILLS = 100;
    private static final int MAX_WRITING_MILLIS = 300;
    /** Exit status of a process ended by signal 9, as {@link Process#exitValue()} reports it on Unix. */
    private static final int KILLED_BY_SIGKILL = 128 + 9;

    @TempDir
    Path dir;

    /** Where each child records its completed writes, one file per child. */
    @TempDir
    Path progressDir;

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "no SIGKILL: destroyForcibly terminates differently")
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void sigkillAtRandomMomentsLeavesCompleteFilesAndNoPileOfTemporaryFiles() throws Exception {
        List<Map<String, Tensor>> versions = new ArrayList<>();
        for (int v = 0; v < WriteLoop.VERSIONS; v++) {
            versions.add(WriteLoop.model(v).namedParameters());
        }
        Destination model = new Destination(WriteLoop.MODEL);
        Destination checkpoint = new Destination(WriteLoop.CHECKPOINT);
        Random random = new Random(20240607);
        int interruptedWrites = 0;
        Child child = Child.start(dir, progressDir.resolve("child-0.log"));
        Child next = null;
        try {
            for (int kill = 0; kill < KILLS; kill++) {
                // The next JVM starts up while this one writes, so the loop pays little for start-ups.
                next = Child.start(dir, progressDir.resolve("child-" + (kill + 1) + ".log"));
                child.awaitReadyAndGo();
                Thread.sleep(random.nextInt(MAX_WRITING_MILLIS + 1));
                List<String> lines = child.kill();
                String context = "after kill " + kill + " (child recorded " + tail(lines) + ")";
                model.check(dir, lines, context, file -> versionOf(Model.load(file), versions));
                checkpoint.check(dir, lines, context, file -> {
                    Checkpoint read = Checkpoint.read(file);
                    int v = versionOf(read.model(), versions);
                    assertEquals(v, read.state().epoch(), "checkpoint weights and state of one version " + context);
                    assertEquals(WriteLoop.SEED, read.seed(), context);
                    return v;
                });
                interruptedWrites += checkTemporaryFiles(child.pid(), context) ? 1 : 0;
                child = next;
            }
        } finally {
            child.process.destroyForcibly();
            if (next != null) {
                next.process.destroyForcibly();
            }
        }
        // Without this the test could pass by killing only between writes.
        assertTrue(interruptedWrites >= KILLS / 10, interruptedWrites + " of " + KILLS + " kills interrupted a write");
        assertTrue(model.completedWrites >= KILLS / 4 && checkpoint.completedWrites >= KILLS / 4,
                model.completedWrites + " model and " + checkpoint.completedWrites + " checkpoint writes completed");
    }

    /** The version whose weights {@code loaded} has, bit for bit; fails if it has none's. */
    private static int versionOf(Model loaded, List<Map<String, Tensor>> versions) {
        Map<String, Tensor> weights = loaded.namedParameters();
        for (int v = 0; v < versions.size(); v++) {
            Map<String, Tensor> expected = versions.get(v);
            if (expected.keySet().equals(weights.keySet()) && expected.keySet().stream()
                    .allMatch(name -> Arrays.equals(expected.get(name).data(), weights.get(name).data()))) {
                return v;
            }
        }
        return fail("the loaded weights are none of the " + versions.size() + " versions written");
    }

    /**
     * Checks that every file besides the destinations is a temporary file of one of them, at most
     * one per destination; returns whether the killed child left one (it was killed mid-write).
     */
    private boolean checkTemporaryFiles(long killedPid, String context) throws IOException {
        List<String> others;
        try (Stream<Path> files = Files.list(dir)) {
            others = files.map(f -> f.getFileName().toString())
                    .filter(name -> !Set.of(WriteLoop.MODEL, WriteLoop.CHECKPOINT).contains(name)).sorted().toList();
        }
        boolean killedMidWrite = false;
        for (String destination : List.of(WriteLoop.MODEL, WriteLoop.CHECKPOINT)) {
            List<String> temps = others.stream().filter(n -> n.matches("\\." + destination.replace(".", "\\.")
                    + "\\.\\d+\\.[0-9a-f]+\\.tmp")).toList();
            assertTrue(temps.size() <= 1, "temporary files of " + destination + " " + context + ": " + temps);
            killedMidWrite |= temps.stream().anyMatch(n -> n.startsWith("." + destination + "." + killedPid + "."));
        }
        assertTrue(others.stream().allMatch(n -> n.endsWith(".tmp")), "unexpected files " + context + ": " + others);
        return killedMidWrite;
    }

    private static String tail(List<String> lines) {
        return lines.size() <= 3 ? lines.toString() : "..., " + lines.subList(lines.size() - 2, lines.size());
    }

    @FunctionalInterface
    private interface VersionReader {
        int read(Path file);
    }

    /**
     * One file the children write: the version it must hold is the last one any child completed,
     * or the one the killed child was writing when it died (renamed into place, not yet reported).
     */
    private static final class Destination {
        private final String name;
        private int lastCompleted = -1;
        private int completedWrites;

        Destination(String name) {
            this.name = name;
        }

        void check(Path dir, List<String> lines, String context, VersionReader reader) {
            int childLast = -1;
            for (String line : lines) {
                if (line.startsWith(kind() + " ")) {
                    childLast = Integer.parseInt(line.substring(kind().length() + 1));
                    completedWrites++;
                }
            }
            if (childLast >= 0) {
                lastCompleted = childLast;
            }
            int inProgress = (childLast + 1) % WriteLoop.VERSIONS; // a child starts at version 0
            Path file = dir.resolve(name);
            if (!Files.exists(file)) {
                assertEquals(-1, lastCompleted, name + " is missing " + context);
                return;
            }
            int found = reader.read(file);
            assertTrue(found == lastCompleted || found == inProgress, name + " holds version " + found
                    + ", expected the last completed " + lastCompleted + " or the one in progress " + inProgress
                    + " " + context);
            lastCompleted = found;
        }

        private String kind() {
            return name.substring(0, name.indexOf('.'));
        }
    }

    /** A {@link WriteLoop} JVM with a thread collecting what it prints. */
    private static final class Child {
        private final Process process;
        private final Path progress;
        private final List<String> lines = new ArrayList<>();
        private final Thread reader;
        private final Object readyLock = new Object();
        private boolean ready;

        private Child(Process process, Path progress) {
            this.process = process;
            this.progress = progress;
            this.reader = new Thread(this::collect, "write-loop-" + process.pid());
            reader.setDaemon(true);
            reader.start();
        }

        static Child start(Path dir, Path progress) throws IOException {
            String java = ProcessHandle.current().info().command()
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            // -XX:-UsePerfData: a killed JVM would leave its hsperfdata file behind in /tmp.
            return new Child(new ProcessBuilder(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-XX:-UsePerfData", "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                    WriteLoop.class.getName(), dir.toString(), progress.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start(), progress);
        }

        long pid() {
            return process.pid();
        }

        void awaitReadyAndGo() throws IOException, InterruptedException {
            synchronized (readyLock) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!ready) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (left <= 0 || !process.isAlive()) {
                        fail("the write loop did not start; it printed " + lines);
                    }
                    readyLock.wait(Math.min(left, 100));
                }
            }
            OutputStream in = process.getOutputStream();
            in.write("go\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
        }

        /** Kills the JVM with SIGKILL and returns the writes it recorded as completed. */
        List<String> kill() throws InterruptedException, IOException {
            process.destroyForcibly();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the killed child did not end");
            reader.join(TimeUnit.SECONDS.toMillis(60));
            assertEquals(KILLED_BY_SIGKILL, process.exitValue(), "killed by SIGKILL, not ended otherwise");
            return Files.exists(progress) ? Files.readAllLines(progress, StandardCharsets.UTF_8) : List.of();
        }

        private void collect() {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    synchronized (readyLock) {
                        lines.add(line);
                        ready |= line.equals("ready");
                        readyLock.notifyAll();
                    }
                }
            } catch (IOException e) {
                // The pipe breaks when the process is killed: what was read is all there is.
            }
        }
    }
}
