package org.defrost.tasks.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.defrost.spi.ParameterException;

/**
 * Which classes of a dataset a task uses and how they become its labels: group g (0-based, in the given
 * order) becomes label g; classes in no group are left out of the task. {@code [[5], [6], [7]]} keeps
 * three classes and renumbers them 0, 1, 2; {@code [[0, 2, 4, 6, 8], [1, 3, 5, 7, 9]]} makes a binary task.
 *
 * @param groups at least two non-empty groups of distinct class indices
 */
public record ClassGrouping(List<List<Integer>> groups) {

    public ClassGrouping {
        List<List<Integer>> copy = new ArrayList<>();
        for (List<Integer> g : groups) {
            copy.add(List.copyOf(g));
        }
        groups = List.copyOf(copy);
    }

    /**
     * Parses groups written as strings, one per group, of class indices separated by commas or spaces,
     * e.g. {@code ["0,2,4", "1 3 5"]}.
     *
     * @param parameter the parameter's name, for messages
     * @throws ParameterException whose message starts with the parameter's name, for an empty group, a
     *                                  non-integer entry, or a class listed twice
     */
    public static ClassGrouping parse(String parameter, List<String> groups) {
        List<List<Integer>> parsed = new ArrayList<>();
        for (String g : groups) {
            List<Integer> classes = new ArrayList<>();
            for (String part : g.trim().split("[,\\s]+")) {
                if (part.isEmpty()) {
                    continue;
                }
                try {
                    classes.add(Integer.parseInt(part));
                } catch (NumberFormatException e) {
                    throw new ParameterException(parameter, parameter + " has '" + part + "' in group '" + g
                            + "', which is not a class index");
                }
            }
            parsed.add(classes);
        }
        ClassGrouping grouping = new ClassGrouping(parsed);
        grouping.checkShape(parameter);
        return grouping;
    }

    /** One group per listed class: the classes renumbered 0, 1, ... in the given order. */
    public static ClassGrouping ofClasses(int... classes) {
        List<List<Integer>> groups = new ArrayList<>();
        for (int c : classes) {
            groups.add(List.of(c));
        }
        return new ClassGrouping(groups);
    }

    private void checkShape(String parameter) {
        if (groups.size() < 2) {
            throw new ParameterException(parameter, parameter + " must have at least 2 groups (one per label), got "
                    + groups.size());
        }
        BitSet seen = new BitSet();
        for (List<Integer> g : groups) {
            if (g.isEmpty()) {
                throw new ParameterException(parameter, parameter + " has an empty group: " + toStrings());
            }
            for (int c : g) {
                if (c < 0) {
                    throw new ParameterException(parameter, parameter + " has the negative class " + c);
                }
                if (seen.get(c)) {
                    throw new ParameterException(parameter, parameter + " lists class " + c + " in more than one group");
                }
                seen.set(c);
            }
        }
    }

    /**
     * Checks the grouping against a dataset of {@code classes} classes.
     *
     * @throws ParameterException naming {@code parameter} if a class does not exist or the shape is bad
     */
    public void check(String parameter, int classes) {
        checkShape(parameter);
        for (List<Integer> g : groups) {
            for (int c : g) {
                if (c >= classes) {
                    throw new ParameterException(parameter, parameter + " names class " + c + ", which does not exist; the "
                            + "dataset has classes 0.." + (classes - 1));
                }
            }
        }
    }

    /** Number of labels of the task. */
    public int labels() {
        return groups.size();
    }

    /** The label of dataset class {@code datasetClass}, or -1 if the task leaves it out. */
    public int labelOf(int datasetClass) {
        for (int g = 0; g < groups.size(); g++) {
            if (groups.get(g).contains(datasetClass)) {
                return g;
            }
        }
        return -1;
    }

    /** A lookup table: entry c is {@link #labelOf}(c) for c in {@code 0..classes-1}. */
    public int[] labelTable(int classes) {
        int[] table = new int[classes];
        for (int c = 0; c < classes; c++) {
            table[c] = labelOf(c);
        }
        return table;
    }

    /** The dataset classes the task uses. */
    public BitSet classSet() {
        BitSet s = new BitSet();
        groups.forEach(g -> g.forEach(s::set));
        return s;
    }

    /** A name per label: the class names of the group joined with {@code +}. */
    public List<String> labelNames(List<String> classNames) {
        List<String> names = new ArrayList<>();
        for (List<Integer> g : groups) {
            names.add(String.join("+", g.stream().map(classNames::get).toList()));
        }
        return names;
    }

    /** The groups as strings {@code "0,2,4"}, the form {@link #parse} reads. */
    public List<String> toStrings() {
        List<String> out = new ArrayList<>();
        for (List<Integer> g : groups) {
            out.add(String.join(",", g.stream().map(String::valueOf).toList()));
        }
        return out;
    }

    @Override
    public String toString() {
        return Arrays.toString(toStrings().stream().map(s -> "[" + s + "]").toArray());
    }
}
