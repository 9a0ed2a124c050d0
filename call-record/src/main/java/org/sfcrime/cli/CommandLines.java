package org.sfcrime.cli;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParameterException;

/**
 * Runs a command of the project under the one contract every CLI keeps: option defaults from
 * its files in config/ ({@link OptionDefaults}), one-line usage errors with exit 2
 * ({@link UsageErrorHandler}), one-line run-time failures with exit 1 ({@link CommandFailure}).
 */
public final class CommandLines {

    private CommandLines() {
    }

    /**
     * Parses {@code args} into {@code command}, runs it and returns its exit code; main only
     * passes this to System.exit. A {@code --config FILE} among the arguments is read first,
     * because it supplies the other options' defaults.
     */
    public static int execute(Object command, String component, String... args) {
        return execute(command, component, null, null, args);
    }

    /** As {@link #execute(Object, String, String...)}, writing to {@code out} and {@code err} unless null: for tests. */
    public static int execute(Object command, String component, PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = of(command);
        commandLine.setOut(out != null ? out : standardOutput());
        commandLine.setErr(err != null ? err : new PrintWriter(System.err, true));
        commandLine.setExecutionExceptionHandler(new FailureHandler());
        try {
            OptionDefaults defaults = OptionDefaults.load(component, settingsFile(args));
            defaults.requireKnownKeys(commandLine.getCommandSpec());
            commandLine.setDefaultValueProvider(defaults);
        } catch (CommandFailure e) {
            commandLine.getErr().println("error: " + e.getMessage());
            commandLine.getErr().flush();
            return ExitCodes.USAGE;
        }
        return commandLine.execute(args);
    }

    /**
     * A command line under the project's parsing rules: enum values in any case (--help lists them
     * as users write them, their toString()), usage errors as one line ({@link UsageErrorHandler}).
     */
    public static CommandLine of(Object command) {
        return UsageErrorHandler.install(new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true));
    }

    /**
     * stdout as UTF-8 with a large buffer, flushed by println as picocli's own. Unlike a writer
     * around System.out, which swallows write errors, its checkError() sees a closed pipe
     * ({@code | head}), so a command that writes data can stop.
     */
    private static PrintWriter standardOutput() {
        return new PrintWriter(new BufferedWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
                StandardCharsets.UTF_8), 1 << 16), true);
    }

    private static Path settingsFile(String[] args) {
        ConfigFileOption option = new ConfigFileOption();
        CommandLine probe = new CommandLine(option);
        probe.setUnmatchedArgumentsAllowed(true);
        try {
            probe.parseArgs(args);
        } catch (ParameterException e) {
            return null; // the full parse reports it
        }
        return option.file;
    }

    /** A {@link CommandFailure} is one line and its exit code (1, or 2 for a usage mistake); anything else is a bug, shown with its stack trace. */
    private static final class FailureHandler implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult)
                throws Exception {
            if (!(e instanceof CommandFailure)) {
                throw e;
            }
            PrintWriter err = commandLine.getErr();
            err.println("error: " + e.getMessage());
            err.flush();
            return ((CommandFailure) e).exitCode();
        }
    }
}
