//! Outgoing e-mail over SMTP (`--smtp-url`, `--mail-from`), no HTTP and no business rules:
//! capabilities hand it a finished plain-text message. Without `--smtp-url` there is no
//! mailer, and the capabilities say so to the person instead of pretending to send.
//!
//! `smtp://host:25` (plain, for a relay on the same machine or network),
//! `smtp://user:password@host:587?tls=required` (STARTTLS) and `smtps://user:password@host`
//! (TLS from the start), as `lettre` reads them.

use anyhow::Context;
use lettre::message::{Mailbox, header::ContentType};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

/// A message to one person.
pub struct Mail<'a> {
    pub to: &'a str,
    pub to_name: &'a str,
    /// Shown as the sender's name (the shop), with the instance's address.
    pub from_name: &'a str,
    pub reply_to: Option<&'a str>,
    pub subject: &'a str,
    pub body: &'a str,
    /// `de` or `en`, as the message's `Content-Language`.
    pub lang: &'a str,
}

impl Mailer {
    /// The mailer for `--smtp-url` and `--mail-from`, or `None` without a URL.
    pub fn from_settings(url: Option<&str>, from: &str) -> anyhow::Result<Option<Mailer>> {
        let Some(url) = url.filter(|url| !url.trim().is_empty()) else {
            return Ok(None);
        };
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url.trim())
            .with_context(|| "--smtp-url must look like smtp://host:25, smtp://user:password@host:587?tls=required or smtps://user:password@host")?
            .timeout(Some(std::time::Duration::from_secs(20)))
            .build();
        let from: Mailbox = from.parse().with_context(|| {
            format!(
                "--mail-from must be an e-mail address such as nahbar@shop.example (got {from:?})"
            )
        })?;
        Ok(Some(Mailer { transport, from }))
    }

    pub async fn send(&self, mail: Mail<'_>) -> anyhow::Result<()> {
        let to = Mailbox::new(
            (!mail.to_name.is_empty()).then(|| mail.to_name.to_string()),
            mail.to.parse().context("the recipient's address")?,
        );
        let from = Mailbox::new(Some(mail.from_name.to_string()), self.from.email.clone());
        let mut builder = Message::builder()
            .from(from)
            .to(to)
            .subject(mail.subject)
            .header(ContentType::TEXT_PLAIN)
            .header(ContentLanguage(mail.lang.to_string()));
        if let Some(reply_to) = mail.reply_to.filter(|r| !r.is_empty())
            && let Ok(address) = reply_to.parse()
        {
            builder = builder.reply_to(Mailbox::new(None, address));
        }
        let message = builder.body(mail.body.to_string()).context("building the message")?;
        self.transport.send(message).await.context("sending over SMTP")?;
        Ok(())
    }
}

/// The `Content-Language` header (RFC 3282), so mail clients know the message's language.
#[derive(Clone)]
struct ContentLanguage(String);

impl lettre::message::header::Header for ContentLanguage {
    fn name() -> lettre::message::header::HeaderName {
        lettre::message::header::HeaderName::new_from_ascii_str("Content-Language")
    }

    fn parse(value: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ContentLanguage(value.to_string()))
    }

    fn display(&self) -> lettre::message::header::HeaderValue {
        lettre::message::header::HeaderValue::new(Self::name(), self.0.clone())
    }
}
