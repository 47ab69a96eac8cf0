// The "cloudflare:workers" module, so Workers code imports unchanged.
// Entrypoint base classes only hold ctx and env, as in workerd; Cairn drives them from the runtime glue.
export class WorkerEntrypoint {
  constructor(ctx, env) { this.ctx = ctx; this.env = env; }
}
export class DurableObject {
  constructor(ctx, env) { this.ctx = ctx; this.env = env; }
}
export class WorkflowEntrypoint {
  constructor(ctx, env) { this.ctx = ctx; this.env = env; }
}
export class RpcTarget {}
export default { WorkerEntrypoint, DurableObject, WorkflowEntrypoint, RpcTarget };
