//! Measures a site profile's memory over many synthetic pages: each page has
//! blocks of its own (which never recur) and the site's template blocks.
//! The heap is counted by a global allocator.
//!
//! ```text
//! cargo run --release -p deboiler-lab --bin profile-memory -- [--pages 100000] [--own 30] [--template 10]
//! ```

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use clap::Parser;
use deboiler::SiteProfile;

/// Counts the bytes allocated now.
struct Counting;

static NOW: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        NOW.fetch_add(layout.size(), Ordering::Relaxed);
        // SAFETY: the layout is the caller's, passed on unchanged.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        NOW.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: `ptr` was allocated by `System` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Measures a profile's memory on synthetic pages.
#[derive(Debug, Parser)]
struct Options {
    /// Pages to learn.
    #[arg(long, default_value_t = 100_000)]
    pages: usize,
    /// Blocks of each page's own.
    #[arg(long, default_value_t = 30)]
    own: usize,
    /// Template blocks, on every page.
    #[arg(long, default_value_t = 10)]
    template: usize,
}

/// A word of letters only, different for each `n`.
fn word(mut n: usize) -> String {
    let mut word = String::new();
    loop {
        word.push((b'a' + (n % 26) as u8) as char);
        n /= 26;
        if n == 0 {
            return word;
        }
    }
}

fn main() {
    let options = Options::parse();
    let template: Vec<String> = (0..options.template)
        .map(|t| format!("site template block {}", word(t)))
        .collect();
    let mut profile = SiteProfile::new();
    let base = NOW.load(Ordering::Relaxed);
    // What the profile holds, measured after each page (when the page's
    // own blocks are freed again).
    let mut most = 0;
    for page in 0..options.pages {
        let own: Vec<String> = (0..options.own)
            .map(|b| format!("page {} block {}", word(page), word(b)))
            .collect();
        profile.learn_blocks(own.iter().chain(&template).map(String::as_str));
        drop(own);
        most = most.max(NOW.load(Ordering::Relaxed) - base);
    }
    let held = NOW.load(Ordering::Relaxed) - base;
    let found = template
        .iter()
        .filter(|t| profile.template(t).is_some())
        .count();
    println!(
        "{} pages ({} own blocks + {} template blocks each): {} fingerprints kept (capacity {}), \
         {found} of {} template blocks known",
        profile.pages(),
        options.own,
        options.template,
        profile.len(),
        SiteProfile::DEFAULT_CAPACITY,
        options.template
    );
    println!(
        "profile heap: {:.2} MB at the end, {:.2} MB at most (after any page)",
        held as f64 / 1e6,
        most as f64 / 1e6
    );
}
