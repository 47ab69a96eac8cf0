package dev.cairn.core.spi;

/** The determinism ports, passed together. Production, tests and the simulator each bring their own. */
public record Ports(Clock clock, Entropy entropy, Scheduler scheduler, Network network) {}
