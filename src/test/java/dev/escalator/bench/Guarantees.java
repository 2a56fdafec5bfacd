package dev.escalator.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a benchmark run promises and whether it kept it (issue #19): a lost or doubled step, a tag posted twice, a
 * target missed by more than its stated margin. The run prints each verdict, appends it to {@code OUT.met} (one line
 * per guarantee: name, {@code met} or {@code not met}, the numbers) for {@code bench/run.sh} to fill the "met?"
 * column with, and exits 1 when any is broken, so a script or CI that runs it fails.
 */
final class Guarantees {
    /** Exit status of a run that broke a guarantee; 0 when all were kept. */
    static final int BROKEN = 1;

    record Verdict(String name, boolean met, String numbers) {
        String line() {
            return "%s\t%s\t%s".formatted(name, met ? "met" : "not met", numbers);
        }
    }

    private final List<Verdict> verdicts = new ArrayList<>();

    /** Records one guarantee; {@code numbers} says what was measured against what was promised. */
    Guarantees check(String name, boolean met, String numbers) {
        verdicts.add(new Verdict(name, met, numbers));
        return this;
    }

    /** A measured value against a target and the margin stated with it: met while {@code value ≤ target + margin}. */
    Guarantees atMost(String name, double value, double target, double margin, String unit) {
        return check(
                name,
                value <= target + margin,
                "%.0f %s (target ≤ %.0f %s, margin %.0f %s)".formatted(value, unit, target, unit, margin, unit));
    }

    List<Verdict> verdicts() {
        return List.copyOf(verdicts);
    }

    boolean allMet() {
        return verdicts.stream().allMatch(Verdict::met);
    }

    int exitStatus() {
        return allMet() ? 0 : BROKEN;
    }

    /** Prints the verdicts and appends them to {@code out.met} beside the report {@code out}. */
    void report(Path out) throws IOException {
        String lines = verdicts.stream().map(Verdict::line).collect(Collectors.joining("\n", "", "\n"));
        System.out.print(verdicts.stream()
                .map(v -> (v.met() ? "met:     " : "NOT MET: ") + v.name() + " — " + v.numbers())
                .collect(Collectors.joining("\n", "", "\n")));
        Files.writeString(
                out.resolveSibling(out.getFileName() + ".met"),
                lines,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
