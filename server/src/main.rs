//! `nahbar`: a thin shim over the `server` library so tests reuse the same startup.

use clap::Parser;
use server::config::{Cli, Command, OwnerCommand};

#[tokio::main]
async fn main() -> std::process::ExitCode {
    server::init_tracing();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Serve(args) => server::serve(args).await,
        Command::Owner(OwnerCommand::Create(args)) => server::create_owner(args).await,
        Command::Hours(command) => server::hours_cli::run(command),
        Command::NearbyBench(args) => server::nearby_bench::run(args).await,
        Command::MediaBench(args) => server::media_bench::run(args),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("nahbar: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
