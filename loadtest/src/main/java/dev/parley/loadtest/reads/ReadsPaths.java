package dev.parley.loadtest.reads;

import java.util.function.Supplier;

/**
 * Prints {@code count} request paths of a reads scenario, one per line, for load generators other than Gatling
 * ({@code loadtest/bin/reads-benchmark.sh} feeds them to wrk): {@code ReadsPaths SCENARIO COUNT}, with the
 * properties of {@link ReadsRequests}.
 */
public final class ReadsPaths {

    private ReadsPaths() {}

    public static void main(String[] args) {
        Supplier<String> paths = new ReadsRequests().paths(args[0]);
        int count = Integer.parseInt(args[1]);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append(paths.get()).append('\n');
        }
        System.out.print(out);
    }
}
