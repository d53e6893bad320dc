//! 全县概览: the organization department's read-only view over the folded state —
//! where every township's village pay (W1) and every selection case (W4) stands, the
//! due and overdue items of every other workflow, and what was submitted upward
//! (初次提交 / 二次提交). Every figure is read from the workflow that owns it
//! (`figures`); nothing here records or decides.

pub mod figures;
pub mod page;
pub mod screens;

pub use page::Page;
