// Starts the Fedify test peer as a child process on a free port, for Node tests:
//
//   const peer = await startPeer();            // { port, origin, startupMs, call, stop }
//   await peer.call("POST", "follow", { target: "http://localhost:3000/shop/actor" });
//   await peer.stop();
//
// `startPeer({ port })` comes back on a given port (a restart after `stop()`).

import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const PEER = fileURLToPath(new URL("./peer.mjs", import.meta.url));

export async function startPeer({ port = 0, firstKnock, timeoutMs = 60_000 } = {}) {
  const args = [PEER, "--port", String(port)];
  if (firstKnock) args.push("--first-knock", firstKnock);
  const started = performance.now();
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const ready = await new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`peer did not start:\n${stderr}`)), timeoutMs);
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const match = /FEDIFY_PEER_READY port=(\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`peer exited with ${code}:\n${stderr}`));
    });
  });
  const origin = `http://localhost:${ready}`;
  return {
    port: ready,
    origin,
    startupMs: Math.round(performance.now() - started),
    stderr: () => stderr,
    async call(method, path, body) {
      const response = await fetch(`${origin}/_control/${path}`, {
        method,
        headers: body ? { "content-type": "application/json" } : {},
        body: body ? JSON.stringify(body) : undefined,
      });
      return { status: response.status, json: await response.json() };
    },
    stop() {
      return new Promise((resolve) => {
        if (child.exitCode != null) return resolve();
        child.once("exit", () => resolve());
        child.kill();
      });
    },
  };
}
