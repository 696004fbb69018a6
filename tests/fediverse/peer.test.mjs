// The test peer checked against itself (Fedify on both ends): its valid deliveries are
// verified, and every forgery it can make for the Nahbar tests (tampered body, old Date,
// another actor's key, no signature) is refused by Fedify too, so a test that sees Nahbar
// refuse them proves Nahbar right, not merely strict.

import { test } from "node:test";
import assert from "node:assert/strict";
import { startPeer } from "./peer-process.mjs";

test("the Fedify peer verifies its own follow and refuses its own forgeries", async () => {
  const peer = await startPeer();
  try {
    console.log(`peer ready after ${peer.startupMs} ms`);
    const target = `${peer.origin}/users/mallory`;
    const lookup = await peer.call("POST", "lookup", { handle: `@mallory@localhost:${peer.port}` });
    assert.equal(lookup.status, 200, JSON.stringify(lookup.json));
    assert.equal(lookup.json.actor.id, target);
    assert.equal(lookup.json.roundTrip.ok, true);

    const sent = await peer.call("POST", "follow", { target });
    assert.equal(sent.json.ok, true, JSON.stringify(sent.json));
    const got = await peer.call("GET", "received?type=Follow&verified=true&min=1&timeout_ms=10000");
    assert.equal(got.json.items[0].activityId, sent.json.id);

    for (const variant of ["tampered", "old-date", "other-key", "unsigned"]) {
      const forged = await peer.call("POST", "follow", { target, variant });
      assert.equal(forged.json.status, 401, `${variant}: ${JSON.stringify(forged.json)}`);
    }
    const all = await peer.call("GET", "received?type=Follow");
    assert.equal(all.json.items.filter((e) => e.verified).length, 1);
    assert.deepEqual(
      all.json.items.slice(1).map((e) => e.failure),
      ["invalidSignature", "invalidSignature", "actorKeyMismatch", "noSignature"],
    );

    await peer.call("POST", "mode", { respond: 500, times: 2 });
    const failing = await peer.call("POST", "like", { target, object: target, variant: "cavage" });
    assert.equal(failing.json.status, 500);
  } finally {
    await peer.stop();
  }
});
