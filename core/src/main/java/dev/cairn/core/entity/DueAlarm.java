package dev.cairn.core.entity;

/** An alarm whose time has come: the entity to wake and the time it asked for (ms since the epoch). */
public record DueAlarm(EntityAddress entity, long dueMs) {}
