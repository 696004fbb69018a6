//! The Fedify test peer (`tests/fediverse/peer.mjs`) as a child process: started on a free
//! port (it picks one and prints it), driven through its JSON control API, killed on drop.
//! `Peer::start()` gives `None`, with a message saying why, when `tests/node_modules` has no
//! Fedify (`make test` installs it: `cd tests && npm ci`).

#![allow(dead_code)]

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

pub struct Peer {
    child: Child,
    pub port: u16,
    /// `http://localhost:<port>`.
    pub origin: String,
    /// From spawning node to the ready line.
    pub startup: Duration,
    stderr: Arc<Mutex<String>>,
    client: reqwest::Client,
}

fn tests_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests")
}

impl Peer {
    pub fn installed() -> bool {
        tests_dir().join("node_modules/@fedify/fedify/package.json").exists()
    }

    /// A peer on a free port, or `None` (with the reason printed) when Fedify is not
    /// installed.
    pub async fn start() -> Option<Peer> {
        if !Peer::installed() {
            eprintln!(
                "SKIPPED: the Fedify test peer is not installed (tests/node_modules/@fedify missing); \
                 run `cd tests && npm ci` (make test does)"
            );
            return None;
        }
        Some(Peer::spawn(&["--port", "0"]))
    }

    /// A peer with extra arguments (e.g. `--first-knock draft-cavage-http-signatures-12`,
    /// or `--port N` to come back on the port of one that was stopped).
    pub fn spawn(args: &[&str]) -> Peer {
        let started = Instant::now();
        let mut child = Command::new("node")
            .arg(tests_dir().join("fediverse/peer.mjs"))
            .args(args)
            .current_dir(tests_dir())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start node (is Node.js installed?)");
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut pipe = child.stderr.take().expect("stderr");
        let sink = stderr.clone();
        std::thread::spawn(move || {
            let mut buffer = [0u8; 4096];
            while let Ok(n) = pipe.read(&mut buffer) {
                if n == 0 {
                    break;
                }
                if let Ok(mut text) = sink.lock() {
                    text.push_str(&String::from_utf8_lossy(&buffer[..n]));
                }
            }
        });
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(rest) = line.strip_prefix("FEDIFY_PEER_READY port=") {
                    let port = rest.split_whitespace().next().and_then(|p| p.parse::<u16>().ok());
                    let _ = tx.send(port);
                }
            }
        });
        let port = match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(Some(port)) => port,
            _ => {
                let _ = child.kill();
                panic!(
                    "the Fedify peer did not start:\n{}",
                    stderr.lock().map(|s| s.clone()).unwrap_or_default()
                );
            }
        };
        Peer {
            child,
            port,
            origin: format!("http://localhost:{port}"),
            startup: started.elapsed(),
            stderr,
            client: reqwest::Client::new(),
        }
    }

    pub fn stderr(&self) -> String {
        self.stderr.lock().map(|s| s.clone()).unwrap_or_default()
    }

    /// Stops the process (its port then refuses connections: a server that is down).
    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Starts it again on the same port (same keys, empty logs).
    pub fn restart(&mut self) {
        self.stop();
        let port = self.port.to_string();
        let fresh = Peer::spawn(&["--port", &port]);
        let old = std::mem::replace(self, fresh);
        drop(old);
    }

    pub fn actor(&self, name: &str) -> String {
        format!("{}/users/{name}", self.origin)
    }

    pub fn inbox(&self, name: &str) -> String {
        format!("{}/users/{name}/inbox", self.origin)
    }

    pub fn shared_inbox(&self) -> String {
        format!("{}/inbox", self.origin)
    }

    /// A control call; the peer's answer (errors too, as `{"error": …}` with a 4xx/5xx).
    pub async fn call(&self, method: &str, path: &str, body: Option<Value>) -> (u16, Value) {
        let url = format!("{}/_control/{path}", self.origin);
        let request = match method {
            "GET" => self.client.get(url),
            _ => self.client.post(url).json(&body.unwrap_or(json!({}))),
        };
        let response = request.send().await.expect("peer control call");
        let status = response.status().as_u16();
        (status, response.json().await.expect("peer control JSON"))
    }

    pub async fn post(&self, path: &str, body: Value) -> Value {
        let (status, value) = self.call("POST", path, Some(body)).await;
        assert_eq!(status, 200, "peer {path}: {value}\n{}", self.stderr());
        value
    }

    pub async fn get(&self, path: &str) -> Value {
        let (status, value) = self.call("GET", path, None).await;
        assert_eq!(status, 200, "peer {path}: {value}\n{}", self.stderr());
        value
    }

    /// Follows `actor` from the peer's account and waits (up to 20 s) until the Accept has
    /// arrived.
    pub async fn follow(&self, actor: &str) {
        let sent = self.post("follow", json!({"target": actor})).await;
        assert_eq!(sent["ok"], true, "{sent}\n{}", self.stderr());
        let started = Instant::now();
        loop {
            let follows = self.get("follows").await;
            let accepted = follows["follows"]
                .as_array()
                .is_some_and(|f| f.iter().any(|f| f["accepted"] == true));
            if accepted {
                return;
            }
            assert!(started.elapsed() < Duration::from_secs(20), "waited 20 s for the Accept");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// What the peer's inboxes received (each with Fedify's verdict), waiting until at
    /// least `min` entries match `query` (e.g. `type=Create&verified=true`) or 15 s passed.
    pub async fn received(&self, query: &str, min: usize) -> Vec<Value> {
        let value = self.get(&format!("received?{query}&min={min}&timeout_ms=15000")).await;
        value["items"].as_array().cloned().unwrap_or_default()
    }
}

impl Drop for Peer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
