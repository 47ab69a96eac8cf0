// The documents to approve: a stand-in for a real store.
const DOCS = {
  42: { id: 42, title: "Budget 2027", approvers: ["ann@example.com", "bob@example.com", "cy@example.com"] },
  7: { id: 7, title: "Office move", approvers: ["ann@example.com", "dee@example.com", "eli@example.com"] },
};

export default {
  fetch(request) {
    const id = new URL(request.url).pathname.slice(1);
    const doc = DOCS[id];
    return doc ? Response.json(doc) : Response.json({ error: "no document " + id }, { status: 404 });
  },
};
