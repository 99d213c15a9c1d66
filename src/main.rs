//! The `guifan` binary: three front-ends on the library. [`cli`] is the
//! command line (check, fix, rules, explain, init, baseline) and holds what
//! the others share: arguments, configuration discovery and resolution,
//! reading files. [`serve`] is `guifan serve` (the proofreading page and
//! HTTP API), [`lsp`] is `guifan server` (the language server). This file
//! parses the arguments and hands the command to its front-end.

mod cli;
mod lsp;
mod serve;

use clap::Parser;
use cli::args::{Cli, Command};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let cwd = match std::env::current_dir() {
        Ok(d) => d,
        Err(e) => return cli::fail(miette::miette!("无法确定当前文件夹：{e}")),
    };
    match cli.command {
        Command::Serve(args) => match serve::run(args, &cwd) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => cli::fail(e),
        },
        Command::Server(_) => lsp::run(),
        command => cli::run(command, &cwd),
    }
}
