package dev.cairn.examples;

import org.junit.jupiter.api.BeforeAll;

/** examples/chat as it is: kv on sqlite, messaging inproc. */
class ChatOnDefaultProvidersTest extends ChatExampleTest {
  @BeforeAll
  static void start() {
    app = new ExampleServer("chat");
  }
}
