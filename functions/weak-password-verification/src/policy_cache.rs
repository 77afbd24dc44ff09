//! Each project's policy, read once and then used for a while, so that steady traffic adds no
//! read. A project without an item is cached as such; a failed read is not cached.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use scoring::Assessor;

/// The rules one project's requests are judged by.
#[derive(Debug)]
pub struct ProjectRules {
    pub assessor: Assessor,
    /// The project's own `breachedMinCount`, when it sets one.
    pub breached_min_count: Option<u64>,
}

/// A project's cached rules: `None` when it has no item (the deployment's defaults apply).
pub type CachedRules = Option<Arc<ProjectRules>>;

/// The time now; injected, so that a test drives expiry without sleeping.
pub type Clock = Box<dyn Fn() -> Instant + Send + Sync>;

/// At most this many projects are held; past it, expired entries go, then all of them (a
/// bound on memory that a flood of made-up project ids cannot push past).
const MAX_PROJECTS: usize = 10_000;

pub struct PolicyCache {
    ttl: Duration,
    clock: Clock,
    entries: Mutex<HashMap<String, (Instant, CachedRules)>>,
}

impl PolicyCache {
    pub fn new(ttl: Duration) -> Self {
        Self::with_clock(ttl, Box::new(Instant::now))
    }

    pub fn with_clock(ttl: Duration, clock: Clock) -> Self {
        Self { ttl, clock, entries: Mutex::new(HashMap::new()) }
    }

    /// The project's rules if they were read less than the TTL ago; `None` when they must be read.
    pub fn get(&self, project_id: &str) -> Option<CachedRules> {
        let now = (self.clock)();
        let entries = self.entries.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let (read_at, rules) = entries.get(project_id)?;
        (now.saturating_duration_since(*read_at) < self.ttl).then(|| rules.clone())
    }

    pub fn put(&self, project_id: &str, rules: CachedRules) {
        let now = (self.clock)();
        let mut entries = self.entries.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if entries.len() >= MAX_PROJECTS && !entries.contains_key(project_id) {
            entries.retain(|_, (read_at, _)| now.saturating_duration_since(*read_at) < self.ttl);
            if entries.len() >= MAX_PROJECTS {
                entries.clear();
            }
        }
        entries.insert(project_id.to_owned(), (now, rules));
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU64, Ordering};

    use super::*;

    /// A clock that only moves when the test says so.
    fn manual_clock() -> (Arc<AtomicU64>, Clock) {
        let start = Instant::now();
        let elapsed_ms = Arc::new(AtomicU64::new(0));
        let read = elapsed_ms.clone();
        (elapsed_ms, Box::new(move || start + Duration::from_millis(read.load(Ordering::Relaxed))))
    }

    #[test]
    fn entries_expire_after_the_ttl() {
        let (elapsed_ms, clock) = manual_clock();
        let cache = PolicyCache::with_clock(Duration::from_secs(60), clock);
        assert!(cache.get("p").is_none());
        cache.put("p", None);
        assert!(matches!(cache.get("p"), Some(None)), "a project without an item is cached as such");
        elapsed_ms.store(59_999, Ordering::Relaxed);
        assert!(cache.get("p").is_some());
        elapsed_ms.store(60_000, Ordering::Relaxed);
        assert!(cache.get("p").is_none());
    }

    #[test]
    fn memory_stays_bounded() {
        let (_, clock) = manual_clock();
        let cache = PolicyCache::with_clock(Duration::from_secs(60), clock);
        for n in 0..=MAX_PROJECTS {
            cache.put(&format!("p{n}"), None);
        }
        assert!(cache.entries.lock().unwrap().len() <= MAX_PROJECTS);
        assert!(cache.get(&format!("p{MAX_PROJECTS}")).is_some(), "the newest entry is kept");
    }
}
