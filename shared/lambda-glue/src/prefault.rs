//! Faulting the function's code in at init, so that its first request does not.
//!
//! A process maps its executable lazily: each page of code is mapped (from the page cache) the
//! first time it runs, and a first request runs much code that init did not (event decoding,
//! token checks, the handler, response encoding), so it pays for hundreds of page faults that
//! later requests do not. Populating the executable's code mappings at init moves that cost
//! into init, where Lambda does not bill it to a request.

/// Populates the page tables of this executable's code. Best effort: on a kernel without
/// `MADV_POPULATE_READ` (before Linux 5.14), or anywhere `/proc` is unreadable, it does
/// nothing and pages fault in as they run.
pub fn prefault_code() {
    #[cfg(target_os = "linux")]
    for (start, len) in code_mappings() {
        // SAFETY: `MADV_POPULATE_READ` only maps the pages of an existing mapping of this
        // process (here, its own code, read-only); it changes no memory contents.
        unsafe { libc::madvise(start as *mut libc::c_void, len, libc::MADV_POPULATE_READ) };
    }
}

/// The executable's own code mappings, as (start address, length), from `/proc/self/maps`.
#[cfg(target_os = "linux")]
fn code_mappings() -> Vec<(usize, usize)> {
    let (Ok(exe), Ok(maps)) = (std::env::current_exe(), std::fs::read_to_string("/proc/self/maps")) else {
        return Vec::new();
    };
    let exe = exe.to_string_lossy();
    maps.lines()
        .filter_map(|line| {
            // address perms offset dev inode pathname
            let fields: Vec<&str> = line.split_whitespace().collect();
            let [range, perms, _, _, _, path] = fields[..] else { return None };
            if !perms.starts_with("r-x") || path != exe {
                return None;
            }
            let (start, end) = range.split_once('-')?;
            let start = usize::from_str_radix(start, 16).ok()?;
            let end = usize::from_str_radix(end, 16).ok()?;
            Some((start, end.checked_sub(start)?))
        })
        .collect()
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    #[test]
    fn finds_this_executables_code() {
        let here = finds_this_executables_code as fn() as usize;
        let mappings = code_mappings();
        assert!(mappings.iter().any(|&(start, len)| (start..start + len).contains(&here)), "{mappings:x?}");
    }
}
