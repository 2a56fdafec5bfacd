package dev.escalator.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The errors and warnings found in one file, collected so that a user sees all of them in one run. */
final class Problems {
    private final String file;
    private final List<ConfigProblem> errors = new ArrayList<>();
    private final List<ConfigProblem> warnings = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    void error(int line, String field, String message) {
        errors.add(new ConfigProblem(file, line, field, message));
    }

    void warn(int line, String field, String message) {
        warnings.add(new ConfigProblem(file, line, field, message));
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** Errors in the order of the file, whichever check found them. */
    List<ConfigProblem> errors() {
        return inFileOrder(errors);
    }

    List<ConfigProblem> warnings() {
        return inFileOrder(warnings);
    }

    /** Marks this moment, to build a value later only if reading it reported no new error. */
    Checkpoint checkpoint() {
        return new Checkpoint(errors.size());
    }

    private static List<ConfigProblem> inFileOrder(List<ConfigProblem> problems) {
        return problems.stream()
                .sorted(Comparator.comparingInt(ConfigProblem::line))
                .toList();
    }

    /**
     * Keeps a core record's constructor from ever seeing a value that was reported as wrong: those constructors throw,
     * and a bad file must only ever produce problems.
     */
    final class Checkpoint {
        private final int errorsBefore;

        private Checkpoint(int errorsBefore) {
            this.errorsBefore = errorsBefore;
        }

        <T> Optional<T> buildIfClean(Supplier<T> build) {
            return errors.size() == errorsBefore ? Optional.of(build.get()) : Optional.empty();
        }
    }
}
