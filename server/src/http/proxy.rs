//! Who the client is behind a reverse proxy. Only when the connection comes from an
//! address listed in `--trusted-proxies` are `Forwarded` (RFC 7239), `X-Forwarded-For` and
//! `X-Forwarded-Proto` read; otherwise a client could claim any address and slip past the
//! login limits. Behind nginx or Caddy without this, every client would share the proxy's
//! address, and one person's failed logins would lock out everyone.

use app::context::ClientAddress;
use axum::extract::{ConnectInfo, Request};
use axum::middleware::Next;
use axum::response::Response;
use ipnet::IpNet;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

/// The proxies whose forwarding headers are believed.
#[derive(Clone, Debug, Default)]
pub struct TrustedProxies(Arc<Vec<IpNet>>);

impl TrustedProxies {
    /// `10.0.0.5, 192.168.1.0/24, ::1`: addresses or networks, comma-separated.
    pub fn parse(text: &str) -> Result<TrustedProxies, String> {
        let mut nets = Vec::new();
        for item in text.split(',').map(str::trim).filter(|item| !item.is_empty()) {
            let net = item
                .parse::<IpNet>()
                .or_else(|_| item.parse::<IpAddr>().map(IpNet::from))
                .map_err(|_| {
                    format!("{item:?} is not an IP address or network (e.g. 10.0.0.0/8)")
                })?;
            nets.push(net);
        }
        Ok(TrustedProxies(Arc::new(nets)))
    }

    fn trusts(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        self.0.iter().any(|net| net.contains(&ip))
    }

    /// The client's address and scheme for a request from `peer`.
    pub fn client(&self, peer: IpAddr, headers: &http::HeaderMap) -> ClientAddress {
        let peer = canonical(peer);
        if !self.trusts(peer) {
            return ClientAddress { ip: peer, https: false };
        }
        let (chain, proto) = forwarded(headers);
        // The rightmost address the trusted proxies did not add themselves.
        let ip = chain.iter().rev().copied().map(canonical).find(|ip| !self.trusts(*ip));
        let ip = ip.or_else(|| chain.first().copied().map(canonical)).unwrap_or(peer);
        ClientAddress { ip, https: proto.is_some_and(|p| p.eq_ignore_ascii_case("https")) }
    }
}

/// `::ffff:10.0.0.1` is `10.0.0.1`.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(IpAddr::V6(v6), IpAddr::V4),
        v4 => v4,
    }
}

/// The forwarding chain (client first) and protocol, from `Forwarded` if present, else
/// `X-Forwarded-For` / `X-Forwarded-Proto`.
fn forwarded(headers: &http::HeaderMap) -> (Vec<IpAddr>, Option<String>) {
    let all = |name: &str| -> Vec<String> {
        headers
            .get_all(name)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(|item| item.trim().to_string())
            .collect()
    };
    let forwarded = all("forwarded");
    if !forwarded.is_empty() {
        let mut chain = Vec::new();
        let mut proto = None;
        for element in forwarded {
            for pair in element.split(';') {
                let Some((key, value)) = pair.trim().split_once('=') else { continue };
                let value = value.trim().trim_matches('"');
                match key.trim().to_ascii_lowercase().as_str() {
                    "for" => chain.extend(node_address(value)),
                    "proto" => proto = Some(value.to_string()),
                    _ => {}
                }
            }
        }
        return (chain, proto);
    }
    let chain = all("x-forwarded-for").iter().filter_map(|v| node_address(v)).collect();
    let proto = all("x-forwarded-proto").into_iter().last();
    (chain, proto)
}

/// `192.0.2.60`, `192.0.2.60:4711`, `[2001:db8::1]:4711`, `2001:db8::1`.
fn node_address(value: &str) -> Option<IpAddr> {
    let value = value.trim();
    if let Ok(ip) = value.parse::<IpAddr>() {
        return Some(ip);
    }
    if let Ok(socket) = value.parse::<SocketAddr>() {
        return Some(socket.ip());
    }
    value.strip_prefix('[').and_then(|v| v.split(']').next()).and_then(|v| v.parse().ok())
}

/// Puts the client's [`ClientAddress`] into the request (the layer runs first).
pub async fn client_address(
    axum::extract::State(proxies): axum::extract::State<TrustedProxies>,
    mut req: Request,
    next: Next,
) -> Response {
    if let Some(peer) = req.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip()) {
        let client = proxies.client(peer, req.headers());
        req.extensions_mut().insert(client);
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&str, &str)]) -> http::HeaderMap {
        let mut map = http::HeaderMap::new();
        for (name, value) in pairs {
            map.append(
                http::HeaderName::from_bytes(name.as_bytes()).expect("name"),
                http::HeaderValue::from_str(value).expect("value"),
            );
        }
        map
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("ip")
    }

    #[test]
    fn forwarding_headers_count_only_from_a_trusted_proxy() {
        let proxies = TrustedProxies::parse("10.0.0.0/8, ::1").expect("parse");
        let spoof = headers(&[("x-forwarded-for", "1.2.3.4"), ("x-forwarded-proto", "https")]);
        let direct = proxies.client(ip("203.0.113.9"), &spoof);
        assert_eq!((direct.ip, direct.https), (ip("203.0.113.9"), false));
        let behind = proxies.client(ip("10.0.0.2"), &spoof);
        assert_eq!((behind.ip, behind.https), (ip("1.2.3.4"), true));
    }

    #[test]
    fn the_rightmost_untrusted_address_is_the_client() {
        let proxies = TrustedProxies::parse("10.0.0.2,10.0.0.3").expect("parse");
        // A client claiming an address, then the real one, then a second proxy.
        let chain = headers(&[("x-forwarded-for", "6.6.6.6, 198.51.100.7, 10.0.0.3")]);
        assert_eq!(proxies.client(ip("10.0.0.2"), &chain).ip, ip("198.51.100.7"));
        let rfc = headers(&[("forwarded", "for=\"[2001:db8::7]:4711\";proto=https, for=10.0.0.3")]);
        let client = proxies.client(ip("::ffff:10.0.0.2"), &rfc);
        assert_eq!((client.ip, client.https), (ip("2001:db8::7"), true));
    }

    #[test]
    fn a_bad_list_is_refused_with_the_item() {
        let error = TrustedProxies::parse("10.0.0.1, nginx").expect_err("refused");
        assert!(error.contains("\"nginx\""), "{error}");
        assert!(TrustedProxies::parse("").expect("empty").0.is_empty());
    }
}
