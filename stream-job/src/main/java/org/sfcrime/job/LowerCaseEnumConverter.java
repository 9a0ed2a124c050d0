package org.sfcrime.job;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads an option's value as one of an enum's constants, written in lower case as --help lists
 * them (the constants' {@code toString()}, with '-' for '_'); an unknown value is a usage error listing the valid ones.
 */
abstract class LowerCaseEnumConverter<E extends Enum<E>> implements ITypeConverter<E> {

    private final Class<E> type;
    private final String noun;

    /** @param noun what one value is, for the error message ("sink", "format") */
    LowerCaseEnumConverter(Class<E> type, String noun) {
        this.type = type;
        this.noun = noun;
    }

    @Override
    public E convert(String value) {
        String name = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(name)) {
                return constant;
            }
        }
        throw new TypeConversionException("unknown " + noun + " '" + value + "' (valid: "
                + Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", ")) + ")");
    }
}
