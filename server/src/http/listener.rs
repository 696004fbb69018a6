//! The listening socket, stopped so that no request fails. On shutdown the connections the
//! kernel has already accepted are taken and served, then the socket closes (a load
//! balancer's next connect is refused, and it goes to another node), and only then are open
//! connections told to finish: each completes the request it is on and closes.
//!
//! axum's own graceful shutdown stops accepting at once, which resets the connections
//! waiting in the accept queue, and closes a connection whose first request has not been
//! read yet. Behind nginx both are a 502 for a POST (nginx passes only idempotent requests
//! on to the next node once it has sent them).

use axum::serve::Listener;
use std::net::SocketAddr;
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio::time::Instant;

/// Time a just-accepted connection gets to hand its first request over before open
/// connections are told to finish (the proxy sends it right after connecting).
const FIRST_REQUEST: Duration = Duration::from_millis(500);

pub struct Draining {
    listener: Option<TcpListener>,
    addr: SocketAddr,
    stop: watch::Receiver<bool>,
    stopping: bool,
    last_accept: Option<Instant>,
    /// The instant of the last accept, sent when the socket is closed.
    closed: watch::Sender<Option<Option<Instant>>>,
}

/// Wraps `listener`; `shutdown` starts the stop. The returned future is axum's graceful
/// shutdown signal: it completes once the socket is closed and the connections accepted
/// last had time to send their request.
pub fn draining(
    listener: TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<(Draining, impl Future<Output = ()> + Send + 'static)> {
    let addr = listener.local_addr()?;
    let (stop_tx, stop) = watch::channel(false);
    let (closed, mut closed_rx) = watch::channel(None);
    let stopped = async move {
        shutdown.await;
        let _ = stop_tx.send(true);
        let last_accept = match closed_rx.wait_for(Option::is_some).await {
            Ok(closed) => closed.flatten(),
            Err(_) => None, // the listener is gone: nothing left to wait for
        };
        if let Some(at) = last_accept {
            tokio::time::sleep_until(at + FIRST_REQUEST).await;
        }
        drop(stop_tx);
    };
    let listener = Draining {
        listener: Some(listener),
        addr,
        stop,
        stopping: false,
        last_accept: None,
        closed,
    };
    Ok((listener, stopped))
}

impl Listener for Draining {
    type Io = TcpStream;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (TcpStream, SocketAddr) {
        loop {
            let Some(listener) = self.listener.as_ref() else {
                return std::future::pending().await;
            };
            if self.stopping {
                if let Some(waiting) = take_waiting(listener) {
                    self.last_accept = Some(Instant::now());
                    return waiting;
                }
                self.listener = None; // closes the socket: new connections are refused
                tracing::info!("stopped listening; finishing open requests");
                let _ = self.closed.send(Some(self.last_accept));
                continue;
            }
            tokio::select! {
                accepted = listener.accept() => match accepted {
                    Ok(connection) => {
                        self.last_accept = Some(Instant::now());
                        return connection;
                    }
                    Err(error) => accept_failed(error).await,
                },
                changed = self.stop.changed() => {
                    self.stopping = changed.is_err() || *self.stop.borrow();
                }
            }
        }
    }

    fn local_addr(&self) -> std::io::Result<SocketAddr> {
        Ok(self.addr)
    }
}

/// A connection the kernel has accepted already, without waiting for one.
fn take_waiting(listener: &TcpListener) -> Option<(TcpStream, SocketAddr)> {
    let socket = socket2::SockRef::from(listener);
    loop {
        match socket.accept() {
            Ok((connection, addr)) => {
                let addr = addr.as_socket()?;
                connection.set_nonblocking(true).ok()?;
                let stream = TcpStream::from_std(connection.into()).ok()?;
                return Some((stream, addr));
            }
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(error) if is_connection_error(&error) => continue,
            Err(_) => return None, // WouldBlock: the queue is empty
        }
    }
}

fn is_connection_error(error: &std::io::Error) -> bool {
    use std::io::ErrorKind::{ConnectionAborted, ConnectionRefused, ConnectionReset};
    matches!(error.kind(), ConnectionRefused | ConnectionAborted | ConnectionReset)
}

/// As axum does: a connection that went away before it was accepted is nothing; anything
/// else (too many open files) is logged and waited out.
async fn accept_failed(error: std::io::Error) {
    if is_connection_error(&error) {
        return;
    }
    tracing::error!(%error, "accepting a connection failed");
    tokio::time::sleep(Duration::from_secs(1)).await;
}
