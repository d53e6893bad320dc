//! The village-pay (村级绩效考核, W1) pages: a township's year (the board), its
//! indicators, its results, and one village's period.

pub mod indicators;
pub mod results;
pub mod slot;
pub mod township;
