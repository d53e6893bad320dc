//! Exponential backoff with jitter, for the driver that retries failed syncs.

/// Delays grow `base · 2^attempt` up to `cap`; "full jitter" picks uniformly
/// between half the delay and the delay, from an injected random source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Backoff {
    /// First delay, milliseconds.
    pub base_ms: u64,
    /// Largest delay, milliseconds.
    pub cap_ms: u64,
    attempt: u32,
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff::new(1_000, 5 * 60_000)
    }
}

impl Backoff {
    /// A fresh backoff.
    pub fn new(base_ms: u64, cap_ms: u64) -> Backoff {
        Backoff {
            base_ms: base_ms.max(1),
            cap_ms: cap_ms.max(base_ms.max(1)),
            attempt: 0,
        }
    }

    /// Failures since the last success.
    pub fn attempt(&self) -> u32 {
        self.attempt
    }

    /// The delay before the next retry after a failure; counts the failure.
    /// `random` returns uniformly distributed `u64`s.
    pub fn next_delay(&mut self, random: &mut dyn FnMut() -> u64) -> u64 {
        let ceiling = self
            .base_ms
            .saturating_mul(1u64 << self.attempt.min(32))
            .min(self.cap_ms);
        self.attempt = self.attempt.saturating_add(1);
        let half = ceiling / 2;
        half + random() % (ceiling - half + 1)
    }

    /// A sync succeeded: start again from `base`.
    pub fn reset(&mut self) {
        self.attempt = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_grow_to_the_cap_with_jitter_and_reset() {
        let mut b = Backoff::new(1_000, 30_000);
        let mut lo = || 0u64;
        let lows: Vec<u64> = (0..8).map(|_| b.next_delay(&mut lo)).collect();
        assert_eq!(
            lows,
            [500, 1_000, 2_000, 4_000, 8_000, 15_000, 15_000, 15_000]
        );
        b.reset();
        let mut hi = || u64::MAX;
        let highs: Vec<u64> = (0..7).map(|_| b.next_delay(&mut hi)).collect();
        assert!(highs.iter().zip(&lows).all(|(h, l)| h >= l));
        assert!(highs.iter().all(|h| *h <= 30_000));
        assert_eq!(b.attempt(), 7);
        for _ in 0..100 {
            b.next_delay(&mut hi);
        }
        assert!(b.next_delay(&mut hi) <= 30_000);
    }
}
