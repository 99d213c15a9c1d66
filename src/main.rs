//! The `guifan` command-line tool; see [`cli`], [`serve`] for `guifan serve` (the proofreading page) and [`lsp`] for `guifan server` (the language server).

mod cli;
mod lsp;
mod serve;

fn main() -> std::process::ExitCode {
    cli::main()
}
