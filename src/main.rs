//! The `cables` binary: the command line (`cli`), the library behind it, errors printed once.

use std::process::ExitCode;

use clap::Parser;

mod cli;

use cli::{exit, run, Cli};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(error) => {
            let broken_pipe = error.chain().any(|cause| {
                cause
                    .downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            });
            if broken_pipe {
                return ExitCode::from(exit::OK);
            }
            eprintln!("error: {error:#}");
            ExitCode::from(exit::ERROR)
        }
    }
}
