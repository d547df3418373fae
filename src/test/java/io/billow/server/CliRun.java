package io.billow.server;

import io.billow.cli.BillowCommand;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Runs a {@code billow} command in this JVM and returns what it printed (errors included). */
final class CliRun {

    private CliRun() {
    }

    static String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            CommandLine cmd = new CommandLine(new BillowCommand());
            cmd.setErr(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
            cmd.setExecutionExceptionHandler((e, c, p) -> {
                System.out.println("billow: " + e.getMessage());
                return 1;
            });
            cmd.execute(args);
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
