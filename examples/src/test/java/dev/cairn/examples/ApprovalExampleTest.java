package dev.cairn.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * examples/approval over HTTP: a durable workflow that mails approvers, waits for a majority of
 * votes, sleeps through a cool-off and completes — through votes, a timeout, and a restart of the
 * node while it waits.
 */
class ApprovalExampleTest {
  ExampleServer app;

  @BeforeEach
  void start() {
    app = new ExampleServer("approval");
  }

  @AfterEach
  void stop() throws Exception {
    app.close();
  }

  private String waitFor(String id, String status) throws InterruptedException {
    String body = "";
    for (int i = 0; i < 300; i++) {
      body = app.get("/approvals/" + id).body();
      if (body.contains("\"status\":\"" + status + "\"")) return body;
      Thread.sleep(20);
    }
    throw new AssertionError(id + " never became " + status + ": " + body);
  }

  @Test
  void twoYesVotesApproveAndTheMailsGoOutOnce() throws Exception {
    assertThat(app.post("/docs/42/approval?coolOff=200%20ms", "").statusCode()).isEqualTo(201);
    waitFor("doc-42", "waiting");
    app.post("/approvals/doc-42/votes", "{\"by\":\"ann\",\"ok\":true}");
    app.post("/approvals/doc-42/votes", "{\"by\":\"bob\",\"ok\":false}");
    app.post("/approvals/doc-42/votes", "{\"by\":\"cy\",\"ok\":true}");
    String done = waitFor("doc-42", "complete");
    assertThat(done).contains("\"approved\":true").contains("\"by\":\"bob\",\"ok\":false");
    String mail = app.get("/mail").body();
    assertThat(mail).contains("Please approve: Budget 2027").contains("Approved: Budget 2027");
    assertThat(mail.split("Please approve").length - 1).isEqualTo(1);
    // the same document cannot be sent for approval twice at once
    assertThat(app.post("/docs/42/approval", "").statusCode()).isEqualTo(409);
  }

  @Test
  void withoutAMajorityInTimeItEndsUnapproved() throws Exception {
    app.post("/docs/7/approval?voteTimeout=300%20ms", "");
    app.post("/approvals/doc-7/votes", "{\"by\":\"ann\",\"ok\":true}");
    String done = waitFor("doc-7", "complete");
    assertThat(done).contains("\"approved\":false").contains("no majority in time").contains("\"by\":\"ann\"");
  }

  @Test
  void aRestartWhileItWaitsLosesNothing() throws Exception {
    app.post("/docs/42/approval?coolOff=200%20ms", "");
    app.post("/approvals/doc-42/votes", "{\"by\":\"ann\",\"ok\":true}");
    waitFor("doc-42", "waiting");
    app.restart();
    assertThat(app.get("/approvals/doc-42").body()).contains("\"status\":\"waiting\"");
    app.post("/approvals/doc-42/votes", "{\"by\":\"cy\",\"ok\":true}");
    String done = waitFor("doc-42", "complete");
    assertThat(done).contains("\"approved\":true").contains("\"by\":\"ann\"").contains("\"by\":\"cy\"");
    // the ask step ran before the restart and was not run again after it
    String mail = app.get("/mail").body();
    assertThat(mail.split("Please approve").length - 1).isEqualTo(1);
    assertThat(app.get("/approvals/nobody").statusCode()).isEqualTo(404);
  }
}
