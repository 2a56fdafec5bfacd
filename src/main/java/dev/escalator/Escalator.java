package dev.escalator;

public final class Escalator {
    public static void main(String[] args) {
        System.out.println("hi");
    }
}
