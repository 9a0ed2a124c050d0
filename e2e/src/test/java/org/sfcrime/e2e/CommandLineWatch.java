package org.sfcrime.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every other local user can read: the command line of every process on the machine, polled
 * from /proc/PID/cmdline while something runs, each distinct line kept, so that a secret passed as
 * an argument, even for the fraction of a second a tool runs, is caught.
 */
final class CommandLineWatch implements AutoCloseable {

    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final Thread poller;
    private volatile boolean running = true;

    private CommandLineWatch() {
        poller = new Thread(this::poll, "cmdline-watch");
        poller.setDaemon(true);
        poller.start();
    }

    static CommandLineWatch start() {
        return new CommandLineWatch();
    }

    private void poll() {
        while (running) {
            try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
                for (Path process : processes) {
                    try {
                        seen.add(new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8)
                                .replace('\0', ' '));
                    } catch (IOException gone) {
                        // the process ended meanwhile
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot list /proc", e);
            }
            // A short pause leaves the cores to the processes watched; each lives far longer (a JVM).
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The distinct command lines seen until {@link #close()}. */
    Set<String> seen() {
        return Set.copyOf(seen);
    }

    /** The command lines seen that hold any of {@code secrets}. */
    List<String> holding(Collection<String> secrets) {
        return seen.stream().filter(line -> secrets.stream().anyMatch(line::contains)).toList();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        poller.join();
    }
}
