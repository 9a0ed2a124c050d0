package org.sfcrime.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.MutuallyExclusiveArgsException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The usage-error contract of every command of the project: one line naming the problem, picocli's
 * suggestions for a misspelt option, a pointer to --help, and exit code 2; never the whole help.
 */
public final class UsageErrorHandler implements IParameterExceptionHandler {

    /** Installs the handler on a command line and returns it, for a one-line main. */
    public static CommandLine install(CommandLine commandLine) {
        return commandLine.setParameterExceptionHandler(new UsageErrorHandler());
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine commandLine = e.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println("error: " + withoutSecrets(message(e), args));
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + commandLine.getCommandName() + " --help' for the options.");
        err.flush();
        return commandLine.getCommandSpec().exitCodeOnInvalidInput();
    }

    /**
     * The message with every argument of the form KEY=VALUE whose key is secret ({@link SecretSettings})
     * shown as KEY=[hidden]: picocli quotes the arguments it could not match, and after a misspelt
     * option that may be a client setting with a password.
     */
    static String withoutSecrets(String message, String[] args) {
        String shown = message;
        for (String arg : args) {
            // --consumer-property=KEY=VALUE carries the setting after the option's own '='
            int start = arg.startsWith("-") && arg.indexOf('=') > 0 ? arg.indexOf('=') + 1 : 0;
            int equals = arg.indexOf('=', start);
            if (equals > start && SecretSettings.isSecret(arg.substring(start, equals))) {
                shown = shown.replace(arg, arg.substring(0, equals + 1) + SecretSettings.HIDDEN);
            }
        }
        return shown;
    }

    /**
     * The message, naming the options the user gave where picocli names whole argument groups
     * (their synopses can fill the screen); without picocli's own "Error: " prefix.
     */
    static String message(ParameterException e) {
        ParseResult parsed = e.getCommandLine().getParseResult();
        List<OptionSpec> given = parsed == null ? List.of()
                : parsed.matchedOptions().stream().filter(option -> option.group() != null).toList();
        if (e instanceof MutuallyExclusiveArgsException && !given.isEmpty()) {
            OptionSpec first = given.get(0);
            for (OptionSpec other : given) {
                if (other != first && (other.group() != first.group() || first.group().exclusive())) {
                    return first.longestName() + " and " + other.longestName() + " cannot be used together";
                }
            }
        }
        if (e instanceof MissingParameterException missing) {
            for (OptionSpec option : given) {
                for (ArgSpec required : missing.getMissing()) {
                    if (required.required() && required.group() == option.group() && required instanceof OptionSpec needed) {
                        return option.longestName() + " needs " + needed.longestName() + " " + needed.paramLabel();
                    }
                }
            }
        }
        Class<?> enumType = enumType(e.getArgSpec());
        if (enumType != null && e.getValue() != null && e.getArgSpec() instanceof OptionSpec option) {
            return option.longestName() + " must be one of " + Arrays.stream(enumType.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", ")) + ", not '" + e.getValue() + "'";
        }
        return e.getMessage().replaceFirst("^Error: ", "");
    }

    /** The enum an option takes, alone or in a list; null for any other type. */
    private static Class<?> enumType(ArgSpec arg) {
        if (arg == null) {
            return null;
        }
        Class<?> type = arg.isMultiValue() ? arg.auxiliaryTypes()[0] : arg.type();
        return type.isEnum() ? type : null;
    }
}
