//! The `guifan` command-line tool; see [`cli`], and [`lsp`] for `guifan server`.

mod cli;
mod lsp;

fn main() -> std::process::ExitCode {
    cli::main()
}
