package org.defrost.tasks;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.defrost.spi.ParameterException;

/**
 * An enum constant that pipelines choose by name ({@code nonlinearity}, {@code inputChange},
 * {@code standardisation}): its {@link #id()} is the constant's name in lower case with {@code -} for
 * {@code _}, so {@code PER_FEATURE} is {@code per-feature}.
 */
public interface Choice {
    /** The constant's Java name; every enum provides it. */
    String name();

    /** The name used in parameters, e.g. {@code per-feature}. */
    default String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The ids of every constant of {@code type}, in declaration order. */
    static <E extends Enum<E> & Choice> List<String> ids(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Choice::id).toList();
    }

    /**
     * The constant of {@code type} whose id is {@code id}, ignoring case and surrounding blanks.
     *
     * @param parameter the parameter the id was given for, named by the exception
     * @throws ParameterException naming the parameter and the accepted ids when none matches
     */
    static <E extends Enum<E> & Choice> E parse(Class<E> type, String id, String parameter) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        for (E constant : type.getEnumConstants()) {
            if (constant.id().equals(wanted)) {
                return constant;
            }
        }
        throw new ParameterException(parameter, parameter + " must be one of " + ids(type) + ", got '" + id + "'");
    }
}
