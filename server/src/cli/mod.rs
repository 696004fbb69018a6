//! The command line: configuration (flags and environment), and the commands besides
//! `serve`: creating an owner, checking and evaluating opening hours, the demo data and
//! the benchmarks of `make bench`.

pub mod archive;
pub mod archive_bench;
pub mod backup;
pub mod config;
pub mod delivery_bench;
pub mod demo;
mod demo_posts;
pub mod hours;
pub mod media_bench;
pub mod nearby_bench;

use crate::http::session::hash_password;
use anyhow::Context;
use app::domain::account::{MIN_PASSWORD_CHARS, check_signup};
use app::i18n::Lang;
use app::store::{OwnerSetup, StoreError};
use config::OwnerCreateArgs;

/// `nahbar owner create`.
pub async fn create_owner(args: OwnerCreateArgs) -> anyhow::Result<()> {
    let password = read_password(args.password_stdin)?;
    let email = args.email.trim().to_lowercase();
    if let Err(problem) = check_signup(&args.business, &args.name, &email, &password, &password) {
        anyhow::bail!("{}", Lang::En.signup_problem(problem));
    }
    let store = crate::open_store(&args.storage).await?;
    let hash = hash_password(password).await.context("hashing the password")?;
    let setup = OwnerSetup {
        token_hash: None,
        business_name: args.business.trim(),
        email: &email,
        display_name: args.name.trim(),
        password_hash: &hash,
    };
    match store.setup_owner(&setup, chrono::Utc::now()).await {
        Ok(_) => {
            println!("Owner {email} created. Sign in at /login.");
            Ok(())
        }
        Err(StoreError::Conflict(_)) => {
            anyhow::bail!("{}", Lang::En.account().email_exists.replace("{email}", &email))
        }
        Err(error) => Err(error.into()),
    }
}

pub(crate) fn read_password(from_stdin: bool) -> anyhow::Result<String> {
    use std::io::BufRead;
    if !from_stdin {
        let prompt = format!("Password (at least {MIN_PASSWORD_CHARS} characters): ");
        return rpassword::prompt_password(prompt).context("reading the password");
    }
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).context("reading the password")?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}
