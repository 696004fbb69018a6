//! `nahbar`: a thin shim over the `server` library so tests reuse the same startup.

use clap::Parser;
use server::cli::config::{Cli, Command, OwnerCommand};

#[tokio::main]
async fn main() -> std::process::ExitCode {
    server::init_tracing();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Serve(args) => server::serve(args).await,
        Command::Owner(OwnerCommand::Create(args)) => server::cli::create_owner(args).await,
        Command::Hours(command) => server::cli::hours::run(command),
        Command::Backup(args) => server::cli::backup::run(args).await,
        Command::Export(args) => server::cli::archive::export(args).await,
        Command::Import(args) => server::cli::archive::import(args).await,
        Command::Password(args) => server::cli::archive::password(args).await,
        Command::NearbyBench(args) => server::cli::nearby_bench::run(args).await,
        Command::MediaBench(args) => server::cli::media_bench::run(args),
        Command::ArchiveBench(args) => server::cli::archive_bench::run(args).await,
        Command::DeliveryBench(args) => server::cli::delivery_bench::run(args).await,
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("nahbar: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
