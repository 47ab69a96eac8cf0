package dev.cairn.js;

/** What a {@code message} handler decided for its batch, as JSON: {@code {"acks":[..],"retries":[..]}}. */
record MessageDecisions(String json) {}
