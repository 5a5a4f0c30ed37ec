//! The `trellis` command: parse the arguments, run the library, map the outcome to an exit code.

fn main() -> std::process::ExitCode {
    trellis::cli::main()
}
