// Runs every minute (cron): counts deliveries per source and records a report in the store.
export default {
  async scheduled(controller, env, ctx) {
    const deliveries = await (await fetch("http://store/deliveries")).json();
    const bySource = {};
    for (const d of deliveries) bySource[d.source] = (bySource[d.source] ?? 0) + 1;
    await fetch("http://store/stats", {
      method: "POST",
      body: JSON.stringify({ at: controller.scheduledTime, cron: controller.cron, total: deliveries.length, bySource }),
    });
  },
};
