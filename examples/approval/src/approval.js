import { WorkflowEntrypoint } from "cloudflare:workers";

// params: { id, voteTimeout?, coolOff? } (the last two default to a week and a day; tests shorten them)
export class Approval extends WorkflowEntrypoint {
  async run(event, step) {
    const doc = await step.do("load", async () => (await fetch("http://docs/" + event.payload.id)).json());
    await step.do("ask", { retries: { limit: 5, delay: "10 seconds", backoff: "exponential" } }, async () => {
      const sent = await this.env.MAIL.fetch("http://mail/send", {
        method: "POST",
        // the instance id and step name make the mail idempotent: a retried step does not mail twice
        body: JSON.stringify({ key: event.instanceId + "/ask", to: doc.approvers, subject: "Please approve: " + doc.title }),
      });
      if (!sent.ok) throw new Error("mail refused: " + sent.status);
      return sent.status;
    });
    const votes = [];
    try {
      while (votes.filter((v) => v.ok).length < 2) {   // a majority of three approvers
        const ev = await step.waitForEvent("vote " + votes.length, { type: "vote", timeout: event.payload.voteTimeout ?? "7 days" });
        votes.push(ev.payload);
      }
    } catch (e) {
      if (e.cairnCode !== "workflow_event_timeout") throw e;
      return { approved: false, reason: "no majority in time", votes };
    }
    await step.sleep("cool-off", event.payload.coolOff ?? "1 day");
    await step.do("announce", async () => {
      await this.env.MAIL.fetch("http://mail/send", {
        method: "POST",
        body: JSON.stringify({ key: event.instanceId + "/done", to: doc.approvers, subject: "Approved: " + doc.title }),
      });
      return true;
    });
    return { approved: true, votes };
  }
}
