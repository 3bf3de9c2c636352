//! The `tvault` binary: everything happens in [`tvault::cli::run`].

// mimalloc instead of the system allocator: an export allocates and frees small buffers per word
// on every core, and glibc's malloc spent about a fifth of an export's time in its own
// bookkeeping (docs/BENCHMARKS.md, "stop 15"). It changes nothing for secrets: the types that
// hold them zeroise themselves when dropped, whichever allocator then frees the memory.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    tvault::cli::run()
}
