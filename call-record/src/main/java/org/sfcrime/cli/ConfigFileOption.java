package org.sfcrime.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --config FILE}, the same in every command: a file of option defaults and kafka.* client
 * settings over the built-in ones. {@link CommandLines} reads it before the other options,
 * because it supplies their defaults; a command declares it with {@code @Mixin}.
 */
public final class ConfigFileOption {

    @Option(names = "--config", paramLabel = "FILE", order = 0,
            description = "Option defaults and kafka.* client settings over the built-in ones, in the form of the"
                    + " component's file in config/; unknown keys are an error.")
    Path file;
}
