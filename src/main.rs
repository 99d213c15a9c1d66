//! The `guifan` command-line tool; see [`cli`].

mod cli;
mod serve;

fn main() -> std::process::ExitCode {
    cli::main()
}
