package io.billow.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code billow} command line: serve, demo, client commands and benchmarks. */
@Command(name = "billow", mixinStandardHelpOptions = true, version = "Billow 0.1.0",
        description = "Billing and lifecycle engine for managed cloud services.",
        subcommands = {ServeCommand.class, DemoCommand.class, ClientCommands.Instances.class, ClientCommands.Bills.class,
                ClientCommands.Orders.class, BenchCommand.class, SimulateCommand.class, CommandLine.HelpCommand.class})
public final class BillowCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int code = new CommandLine(new BillowCommand())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("billow: " + e.getMessage());
                    return 1;
                })
                .execute(args);
        System.exit(code);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
