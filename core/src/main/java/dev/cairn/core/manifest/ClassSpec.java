package dev.cairn.core.manifest;

/** An exported class of a module: {@code { module: src/room.js, class: Room }}. */
public record ClassSpec(String name, String module, String className) {}
