//! The app's heap: small blocks from free lists, one list per size class, and everything
//! else from a general allocator underneath (talc in the browser, `src/main.rs`).
//!
//! Why: opening a county's log makes a few million small allocations (the strings and
//! maps of 50,000 decoded and folded records). In a CPU profile of that start (CPU 4×
//! slower), talc's `allocate` alone took a quarter of the time. A block of a class comes
//! off its list, or off the current slab, in a few instructions, and goes back on the
//! list when freed; talc keeps no header or footer around it. Measured at 50,000 records,
//! CPU 4×, eight opens each way: the app open in 3.10 s instead of 3.36 s (median; the
//! heap was faster in 7 of 8 pairs), wasm memory 146.7 MiB instead of 157.4 MiB.
//!
//! Classes are 8 bytes apart up to [`SMALL_MAX`] bytes (so a block wastes under 8 bytes);
//! a block is 8-aligned. Slabs of [`SLAB`] bytes come from the general allocator and are
//! never given back: a freed block waits for the next block of its class (WebAssembly's
//! memory never shrinks anyway).
//!
//! Architecture invariant: every block handed out lies inside a slab or came from the
//! general allocator, never overlaps another live block, and is aligned as asked; a
//! block is returned to where it came from by its layout alone (Rust passes the layout
//! it was allocated with). Tested natively over the system allocator (tests/heap.rs).

use core::alloc::{GlobalAlloc, Layout};
use core::cell::UnsafeCell;
use core::ptr::{self, null_mut};

/// The largest block served from a size class; larger ones come from the general
/// allocator.
pub const SMALL_MAX: usize = 512;

/// Every class's block size is a multiple of this, and so is every block's address.
const STEP: usize = 8;

/// How many size classes there are.
const CLASSES: usize = SMALL_MAX / STEP;

/// The bytes taken from the general allocator at a time for small blocks.
pub const SLAB: usize = 64 * 1024;

/// Free lists by class and the slab blocks are cut from.
struct Lists {
    /// The first free block of each class; each free block holds the next one's address.
    free: [*mut u8; CLASSES],
    /// Where the next block is cut from the current slab.
    next: *mut u8,
    /// Bytes left in the current slab after `next`.
    left: usize,
}

/// Small blocks by size class over the general allocator `B`.
pub struct Heap<B> {
    general: B,
    lists: UnsafeCell<Lists>,
}

// SAFETY: a WebAssembly module without atomics runs on one thread, so the lists are never
// touched by two at once (the same reasoning talc's own `TalcSyncCell` relies on).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
unsafe impl<B: Sync> Sync for Heap<B> {}

impl<B> Heap<B> {
    /// A heap over `general`, holding no slab yet.
    pub const fn new(general: B) -> Heap<B> {
        Heap {
            general,
            lists: UnsafeCell::new(Lists {
                free: [null_mut(); CLASSES],
                next: null_mut(),
                left: 0,
            }),
        }
    }
}

impl<B> Heap<B> {
    /// The allocator underneath.
    pub fn general(&self) -> &B {
        &self.general
    }
}

/// The class of a block of `layout`, or `None` if the general allocator serves it.
fn class_of(layout: Layout) -> Option<usize> {
    let small = layout.size() <= SMALL_MAX && layout.align() <= STEP;
    small.then(|| layout.size().max(1).div_ceil(STEP) - 1)
}

/// The size of the blocks of class `class`.
fn block_size(class: usize) -> usize {
    (class + 1) * STEP
}

impl<B: GlobalAlloc> Heap<B> {
    /// A block of class `class`: off its free list, else cut from the slab (a new slab
    /// when the current one is used up); null when the general allocator has no more.
    ///
    /// # Safety
    /// Only one call into the heap at a time (`lists` is borrowed mutably). The borrow
    /// lasts across the general allocator's `alloc`, which is sound because that
    /// allocator never calls back into this heap (talc takes its memory straight from
    /// WebAssembly's `memory.grow`).
    unsafe fn take(&self, class: usize) -> *mut u8 {
        let lists = &mut *self.lists.get();
        let head = lists.free[class];
        if !head.is_null() {
            lists.free[class] = *(head as *mut *mut u8);
            return head;
        }
        let size = block_size(class);
        if lists.left < size {
            let slab = self
                .general
                .alloc(Layout::from_size_align_unchecked(SLAB, STEP));
            if slab.is_null() {
                return null_mut();
            }
            // What is left of the old slab becomes a free block of the class it fits.
            if lists.left >= STEP {
                let rest = lists.left / STEP - 1;
                *(lists.next as *mut *mut u8) = lists.free[rest];
                lists.free[rest] = lists.next;
            }
            lists.next = slab;
            lists.left = SLAB;
        }
        let block = lists.next;
        lists.next = block.add(size);
        lists.left -= size;
        block
    }

    /// Put a block of class `class` back on its list.
    ///
    /// # Safety
    /// `block` came from [`Heap::take`] for this class and is no longer used.
    unsafe fn give_back(&self, block: *mut u8, class: usize) {
        let lists = &mut *self.lists.get();
        *(block as *mut *mut u8) = lists.free[class];
        lists.free[class] = block;
    }
}

unsafe impl<B: GlobalAlloc> GlobalAlloc for Heap<B> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        match class_of(layout) {
            Some(class) => self.take(class),
            None => self.general.alloc(layout),
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        match class_of(layout) {
            Some(class) => {
                let block = self.take(class);
                if !block.is_null() {
                    ptr::write_bytes(block, 0, layout.size());
                }
                block
            }
            None => self.general.alloc_zeroed(layout),
        }
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        match class_of(layout) {
            Some(class) => self.give_back(block, class),
            None => self.general.dealloc(block, layout),
        }
    }

    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
        match (class_of(layout), class_of(new_layout)) {
            (Some(old), Some(new)) if old == new => block,
            (None, None) => self.general.realloc(block, layout, new_size),
            _ => {
                let moved = self.alloc(new_layout);
                if !moved.is_null() {
                    ptr::copy_nonoverlapping(block, moved, layout.size().min(new_size));
                    self.dealloc(block, layout);
                }
                moved
            }
        }
    }
}
