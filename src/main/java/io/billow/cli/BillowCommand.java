package io.billow.cli;

/** Entry point of the {@code billow} launcher. */
public final class BillowCommand {
    public static void main(String[] args) {
        System.out.println("Billow");
    }
}
