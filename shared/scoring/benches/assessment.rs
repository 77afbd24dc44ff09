//! Assessment cost against bare zxcvbn, per password, on a typical and an adversarial corpus:
//! `assess` (the full assessment, `?detail=true`), `is_weak` (the verdict alone, DDM's default
//! answer) and `zxcvbn` (the baseline).
//!
//! `make bench` runs this and turns criterion's estimates into the ratios of
//! docs/PERFORMANCE.md; each ratio compares figures measured side by side in this one run.

mod corpora;

use criterion::{criterion_group, criterion_main, Criterion};
use scoring::Assessor;
use std::hint::black_box;
use std::time::Duration;

fn bench_corpus(c: &mut Criterion, name: &str, passwords: &[&str]) {
    hold_heap_steady();
    let assessor = Assessor::default();
    assessor.warm_up();
    let mut group = c.benchmark_group(name);
    for (index, password) in passwords.iter().enumerate() {
        let id = format!("{index:02}");
        group.bench_function(format!("assess/{id}"), |b| b.iter(|| assessor.assess(black_box(password), &[])));
        group.bench_function(format!("is_weak/{id}"), |b| b.iter(|| assessor.is_weak(black_box(password), &[])));
    }
    // The baseline after ours, so that its allocations weigh on our figures the least (see
    // `hold_heap_steady`).
    for (index, password) in passwords.iter().enumerate() {
        group.bench_function(format!("zxcvbn/{index:02}"), |b| b.iter(|| zxcvbn::zxcvbn(black_box(password), &[])));
    }
    group.finish();
}

/// Upstream zxcvbn's allocations, tens of megabytes for some adversarial passwords, leave
/// glibc's heap so that a later benchmark can give memory back to the system at the end of
/// every iteration and fault it in again at the next: one 256-character password measured 1.9x
/// its cost alone. The functions never run upstream zxcvbn, and raising the trim threshold
/// changes nothing measurable there (docs/PERFORMANCE.md); here it keeps each benchmark's
/// figure its own, whatever ran before it (the typical corpus's baseline runs before the
/// adversarial corpus). Setting one threshold stops glibc adjusting the other, so the mmap
/// threshold is fixed at its ceiling too: otherwise every allocation of 128 KiB or more, many
/// of them upstream's, would be mapped and unmapped each time.
fn hold_heap_steady() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only tunes the allocator's thresholds; each corpus sets the same ones.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 32 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 64 << 20);
    }
}

fn typical(c: &mut Criterion) {
    bench_corpus(c, "typical", &corpora::typical());
}

fn adversarial(c: &mut Criterion) {
    bench_corpus(c, "adversarial", &corpora::adversarial());
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(100))
        .measurement_time(Duration::from_millis(300))
        .without_plots();
    targets = typical, adversarial
}
criterion_main!(benches);
