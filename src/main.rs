//! The `tvault` binary: everything happens in [`tvault::cli::run`].

fn main() -> std::process::ExitCode {
    tvault::cli::run()
}
