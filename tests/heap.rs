//! The app's heap (`jishi::heap`) over the system allocator: every block is aligned as
//! asked and keeps what was written into it while others are allocated, grown, shrunk
//! and freed in random order; small blocks are served from slabs, the rest by the
//! allocator underneath. Run natively and in the browser (wasm32: 4-byte pointers, as
//! the app has them).

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use common::rng::Rng;
use jishi::heap::{Heap, SLAB, SMALL_MAX};

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

/// The system allocator, counting what is asked of it and noting where each slab is.
#[derive(Default)]
struct Counting {
    allocs: Cell<usize>,
    bytes_live: Cell<isize>,
    slabs: std::cell::RefCell<Vec<usize>>,
}

impl Counting {
    /// Whether `size` bytes at `at`, rounded up to 8, lie inside one slab.
    fn in_a_slab(&self, at: *mut u8, size: usize) -> bool {
        let (at, end) = (at as usize, at as usize + size.div_ceil(8) * 8);
        let slabs = self.slabs.borrow();
        slabs.iter().any(|s| *s <= at && end <= s + SLAB)
    }
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        self.allocs.set(self.allocs.get() + 1);
        self.bytes_live
            .set(self.bytes_live.get() + layout.size() as isize);
        let at = System.alloc(layout);
        if layout.size() == SLAB {
            self.slabs.borrow_mut().push(at as usize);
        }
        at
    }
    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        self.bytes_live
            .set(self.bytes_live.get() - layout.size() as isize);
        System.dealloc(block, layout)
    }
}

/// A live block: where, its layout, and the byte it was filled with.
struct Live {
    at: *mut u8,
    layout: Layout,
    fill: u8,
}

impl Live {
    fn intact(&self) -> bool {
        // SAFETY: `at` is a live block of `layout.size()` bytes.
        let bytes = unsafe { std::slice::from_raw_parts(self.at, self.layout.size()) };
        bytes.iter().all(|b| *b == self.fill)
    }
}

fn fill(at: *mut u8, size: usize, byte: u8) {
    // SAFETY: `at` is a block of at least `size` bytes just handed out.
    unsafe { std::ptr::write_bytes(at, byte, size) }
}

/// A size the app asks for: mostly small, sometimes at a class edge, sometimes large.
fn size(rng: &mut Rng) -> usize {
    match rng.below(10) {
        0 => SMALL_MAX - 1 + rng.below(3),
        1 => SMALL_MAX + 1 + rng.below(4_000),
        2 => 1 + rng.below(8),
        _ => 1 + rng.below(SMALL_MAX),
    }
}

fn align(rng: &mut Rng) -> usize {
    [1, 2, 4, 8, 8, 8, 16, 64][rng.below(8)]
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn blocks_keep_their_bytes_and_alignment_through_random_allocation_growth_and_freeing() {
    for seed in 1..=20u64 {
        let heap = Heap::new(Counting::default());
        let mut rng = Rng(seed);
        let mut live: Vec<Live> = Vec::new();
        for step in 0..20_000 {
            let fill_byte = (step % 251) as u8;
            match rng.below(10) {
                0..=4 => {
                    let layout = Layout::from_size_align(size(&mut rng), align(&mut rng)).unwrap();
                    let zeroed = rng.below(4) == 0;
                    // SAFETY: a layout of non-zero size.
                    let at = unsafe {
                        if zeroed {
                            heap.alloc_zeroed(layout)
                        } else {
                            heap.alloc(layout)
                        }
                    };
                    assert!(!at.is_null(), "seed {seed} step {step}: out of memory");
                    assert_eq!(
                        at as usize % layout.align(),
                        0,
                        "seed {seed}: {layout:?} misaligned"
                    );
                    assert_placed(&heap, at, layout);
                    if zeroed {
                        let block = Live {
                            at,
                            layout,
                            fill: 0,
                        };
                        assert!(
                            block.intact(),
                            "seed {seed}: a zeroed block of {layout:?} is not zero"
                        );
                    }
                    fill(at, layout.size(), fill_byte);
                    live.push(Live {
                        at,
                        layout,
                        fill: fill_byte,
                    });
                }
                5..=6 if !live.is_empty() => {
                    let n = rng.below(live.len());
                    let block = live.swap_remove(n);
                    assert!(
                        block.intact(),
                        "seed {seed} step {step}: a block was overwritten"
                    );
                    // SAFETY: a live block with its own layout.
                    unsafe { heap.dealloc(block.at, block.layout) };
                }
                7..=9 if !live.is_empty() => {
                    let n = rng.below(live.len());
                    let block = &mut live[n];
                    assert!(
                        block.intact(),
                        "seed {seed} step {step}: a block was overwritten"
                    );
                    let new_size = size(&mut rng);
                    // SAFETY: a live block with its own layout, a non-zero new size.
                    let at = unsafe { heap.realloc(block.at, block.layout, new_size) };
                    assert!(!at.is_null());
                    let kept = block.layout.size().min(new_size);
                    // SAFETY: the moved block holds at least `kept` bytes.
                    let bytes = unsafe { std::slice::from_raw_parts(at, kept) };
                    assert!(
                        bytes.iter().all(|b| *b == block.fill),
                        "seed {seed}: realloc lost bytes"
                    );
                    assert_eq!(at as usize % block.layout.align(), 0);
                    block.at = at;
                    block.layout = Layout::from_size_align(new_size, block.layout.align()).unwrap();
                    assert_placed(&heap, at, block.layout);
                    fill(at, new_size, fill_byte);
                    block.fill = fill_byte;
                }
                _ => {}
            }
        }
        for block in live.drain(..) {
            assert!(block.intact(), "seed {seed}: a block was overwritten");
            // SAFETY: a live block with its own layout.
            unsafe { heap.dealloc(block.at, block.layout) };
        }
        // Every large block went back underneath with its own size; the slabs stay.
        let general = heap.general();
        let slabs = general.slabs.borrow().len();
        assert_eq!(
            general.bytes_live.get(),
            (slabs * SLAB) as isize,
            "seed {seed}"
        );
    }
}

/// A small block lies whole inside one slab; a large one in none.
fn assert_placed(heap: &Heap<Counting>, at: *mut u8, layout: Layout) {
    let small = layout.size() <= SMALL_MAX && layout.align() <= 8;
    let inside = heap.general().in_a_slab(at, layout.size());
    assert_eq!(
        inside, small,
        "a block of {layout:?} at {at:?}: inside a slab {inside}"
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn small_blocks_come_from_slabs_and_a_freed_block_is_used_again() {
    let general = Counting::default();
    let heap = Heap::new(general);
    let small = Layout::from_size_align(24, 8).unwrap();
    // SAFETY: non-zero layouts; each block freed with its own.
    unsafe {
        let first = heap.alloc(small);
        let blocks: Vec<*mut u8> = (0..1_000).map(|_| heap.alloc(small)).collect();
        heap.dealloc(first, small);
        assert_eq!(
            heap.alloc(small),
            first,
            "the freed block is the next one handed out"
        );
        let slabs = (1_001 * 24usize).div_ceil(SLAB);
        let asked = heap.general().allocs.get();
        assert_eq!(
            asked, slabs,
            "1,001 blocks of 24 bytes take {slabs} slab(s)"
        );
        let large = Layout::from_size_align(SMALL_MAX + 1, 8).unwrap();
        let big = heap.alloc(large);
        assert_eq!(
            heap.general().allocs.get(),
            slabs + 1,
            "a large block is the general allocator's"
        );
        heap.dealloc(big, large);
        let aligned = Layout::from_size_align(32, 16).unwrap();
        let block = heap.alloc(aligned);
        assert_eq!(
            heap.general().allocs.get(),
            slabs + 2,
            "alignment beyond 8 goes underneath"
        );
        assert_eq!(block as usize % 16, 0);
        heap.dealloc(block, aligned);
        for b in blocks {
            heap.dealloc(b, small);
        }
        heap.dealloc(first, small);
    }
}
