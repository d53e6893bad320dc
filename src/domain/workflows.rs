//! The registry: every part of the log, listed once.
//!
//! Each workflow owns its event enum in its own folder (`village_pay::VillagePayEvent`,
//! `cadre_selection::CadreSelectionEvent`); master data and policy have theirs
//! (`master_event::MasterEvent`). [`EventBody`] is the sum of them, generated from the
//! one list of workflows, [`for_each_workflow!`](crate::for_each_workflow).
//!
//! Architecture invariant: the envelope (`event.rs`) names only [`EventBody`], never a
//! workflow's types; a stored body reads and writes exactly as it did when every kind
//! was a variant of one enum (`{"scores_submitted": {...}}`, externally tagged), which
//! the golden corpus (tests/golden.rs) checks.

use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use super::access::{About, FieldRule, KindRule};

// Shorter paths for shared code and tests that read W1's and W4's events (the generated
// code names each part by its folder, and a workflow's own files use `super::`, so a new
// workflow needs no line here).
pub use super::cadre_selection::CadreSelectionEvent;
pub use super::master_event::MasterEvent;
pub use super::village_pay::VillagePayEvent;

/// The one list of workflows: a line each, `Variant(EventEnum) => folder,` (the folder
/// under `domain/`, and under `ui/pages/` for its pages). Every place that names each
/// workflow is generated from it: `EventBody` and `Command` here, `State`'s parts
/// (`state.rs`), the routes (`route.rs`), the page chunks, the page dispatch and the
/// navigation (`ui/chunks.rs`, `ui/pages/mod.rs`, `ui/mod.rs`).
///
/// Each folder's `mod.rs` exports what the generated code names: its event enum
/// (`KINDS`, `FOLDS_LATER`, `ACCESS`, `FIELD_RULES`, `AUTHOR_FIELDS`, `ID_KEYS`, `kind()`, `ids()`,
/// `write_subject()`, `about()`, `field_text()`), `Command`, `decide`, `State`, `Page`,
/// `todos::todos`; its pages folder `page`, `NAV`, `WAITS_FOR_WHOLE_LOG`.
///
/// Architecture invariant: shared code names a workflow only through this list; adding
/// one is its two folders (each a `pub mod` line beside the others: rustfmt follows only
/// plain declarations) and a line here (ARCHITECTURE.md, "How to add a workflow").
#[macro_export]
macro_rules! for_each_workflow {
    ($then:ident) => {
        $crate::with_bench_workflow! { $then
            /// 村级绩效考核 (W1): village performance pay.
            VillagePay(VillagePayEvent) => village_pay,
            /// 干部选任纪实 (W4/W4b): the cadre pool and selection cases.
            CadreSelection(CadreSelectionEvent) => cadre_selection,
            /// 村两委正职与退后关爱 (W3): village heads' tenures and their care after office.
            VillageHeads(VillageHeadsEvent) => village_heads,
            /// 选聘事业待遇 (W2): the yearly selection of heads for public-institution base pay.
            CareerPay(CareerPayEvent) => career_pay,
            /// 年度考核 (W5): ratings, grades and what they call for.
            AnnualAssessment(AnnualAssessmentEvent) => annual_assessment,
            /// 能上能下 (W7): the demotion chain's cases and their follow-up.
            DemotionChain(DemotionChainEvent) => demotion_chain,
            /// 后备干部 (W9): the reserve pools, their people's files and structure.
            ReservePool(ReservePoolEvent) => reserve_pool,
            /// 实绩纪实 (W6): cadres' daily work, weekly reports and their roll-ups.
            PerformanceRecord(PerformanceRecordEvent) => performance_record,
            /// 轮岗、借用 (W10): rotation due by years in post, and secondments' limits.
            Rotation(RotationEvent) => rotation,
            /// 经济责任审计动态分级 (W8): units' levels, the yearly audit plan, audits done.
            AuditGrading(AuditGradingEvent) => audit_grading,
        }
    };
}

/// The list as it is (`for_each_workflow!`)…
#[cfg(not(feature = "bench-extra-workflow"))]
#[doc(hidden)]
#[macro_export]
macro_rules! with_bench_workflow {
    ($then:ident $($list:tt)*) => {
        $then! { $($list)* }
    };
}

/// …or with one more workflow at its end, for `make bench` only (`bench_workflow`).
#[cfg(feature = "bench-extra-workflow")]
#[doc(hidden)]
#[macro_export]
macro_rules! with_bench_workflow {
    ($then:ident $($list:tt)*) => {
        $then! {
            $($list)*
            /// One more workflow, to measure its cost (`make bench`).
            BenchWorkflow(BenchWorkflowEvent) => bench_workflow,
        }
    };
}

macro_rules! event_parts {
    ($($(#[doc = $doc:expr])* $variant:ident($part:ident) => $module:ident,)+) => {
        event_parts! {
            @parts
            /// Master data and policy, shared by every workflow.
            Master(MasterEvent),
            $($(#[doc = $doc])* $variant(super::$module::$part) => $module,)+
        }

        /// What a user asks to do: master data and policy, or one variant per workflow
        /// (each workflow's own `Command`), decided by its `decide` (`command::decide`).
        #[derive(Clone, Debug, PartialEq)]
        pub enum Command {
            /// Master data and policy (`master_decide`).
            Master(super::master_decide::Command),
            $(
                #[doc = concat!("The commands of `", stringify!($module), "`.")]
                $variant(super::$module::Command),
            )+
        }

        impl From<super::master_decide::Command> for Command {
            fn from(c: super::master_decide::Command) -> Self {
                Command::Master(c)
            }
        }

        $(impl From<super::$module::Command> for Command {
            fn from(c: super::$module::Command) -> Self {
                Command::$variant(c)
            }
        })+

        /// What every workflow asks of its users on `today` (each workflow's `todos`),
        /// in the order the workflows are listed.
        pub fn todos(
            state: &super::state::State,
            today: chrono::NaiveDate,
            zh: bool,
        ) -> Vec<super::screen::Todo> {
            let mut items = Vec::new();
            $(items.extend(super::$module::todos::todos(state, today, zh));)+
            items
        }

        impl Command {
            /// The events this command makes, by its part's rules.
            pub fn decide_in_part(
                self,
                state: &super::state::State,
                actor: &super::state::Actor,
            ) -> Result<Vec<EventBody>, super::RuleViolation> {
                match self {
                    Command::Master(c) => super::master_decide::decide(state, c, actor),
                    $(Command::$variant(c) => super::$module::decide(state, c, actor),)+
                }
            }
        }

        /// Whether records of `kind` may be folded after the rest of the log (the app is
        /// drawn before they are, `store::Ledger`'s later part): the kinds of the parts
        /// whose fold stands alone (their `FOLDS_LATER`), read before the record is decoded.
        ///
        /// Architecture invariant: a part folded later keeps its own state, which its
        /// `evolve` alone writes, reading no other part's, and no other part's `evolve`
        /// reads it; so folding its events after the others' gives the state folding them
        /// all in one order gives (`tests/fold_determinism.rs`).
        pub fn folds_later(kind: &str) -> bool {
            $((<super::$module::$part>::FOLDS_LATER
                && <super::$module::$part>::KINDS.contains(&kind)) ||)+ false
        }

        impl EventBody {
            /// Whether this event is of a part folded after the rest ([`folds_later`]).
            pub fn folds_later(&self) -> bool {
                match self {
                    EventBody::Master(_) => false,
                    $(EventBody::$variant(_) => <super::$module::$part>::FOLDS_LATER,)+
                }
            }
        }
    };
    (@parts $($(#[doc = $doc:expr])* $variant:ident($part:ty) $(=> $module:ident)?,)+) => {
        #[derive(Clone, Debug, PartialEq, Serialize)]
        #[serde(untagged)]
        pub enum EventBody {
            $($(#[doc = $doc])* $variant($part),)+
        }

        $(impl From<$part> for EventBody {
            fn from(body: $part) -> Self {
                EventBody::$variant(body)
            }
        })+

        impl EventBody {
            /// Every kind of every part, as serialized.
            pub fn all_kinds() -> impl Iterator<Item = &'static str> {
                [$(<$part>::KINDS),+].into_iter().flatten().copied()
            }

            /// Every part's access rules (`access::kinds`).
            pub fn access_rules() -> impl Iterator<Item = &'static KindRule> {
                [$(<$part>::ACCESS),+].into_iter().flatten()
            }

            /// Every part's payload rules (`access::field_rules`).
            pub fn field_rules() -> impl Iterator<Item = &'static FieldRule> {
                [$(<$part>::FIELD_RULES),+].into_iter().flatten()
            }

            /// Every part's payload keys whose list value holds ids (`sync::validate::id_list_keys`).
            pub fn id_list_keys() -> impl Iterator<Item = &'static str> {
                [$(<$part>::ID_LIST_KEYS),+].into_iter().flatten().copied()
            }

            /// Every part's payload keys whose text value is an id (`sync::validate::id_keys`).
            pub fn id_keys() -> impl Iterator<Item = &'static str> {
                [$(<$part>::ID_KEYS),+].into_iter().flatten().copied()
            }

            /// Every part's author fields (`access::author_fields`).
            pub fn author_fields() -> impl Iterator<Item = &'static (&'static str, &'static str)> {
                [$(<$part>::AUTHOR_FIELDS),+].into_iter().flatten()
            }

            /// Stable kind name, as serialized.
            pub fn kind(&self) -> &'static str {
                match self {
                    $(EventBody::$variant(b) => b.kind(),)+
                }
            }

            /// Every id this body refers to, each of which must use the safe alphabet
            /// (`domain::id`).
            pub fn ids(&self) -> Vec<&str> {
                match self {
                    $(EventBody::$variant(b) => b.ids(),)+
                }
            }

            /// The subject it belongs to, e.g. `w1/t-1/2026`, `master`, `policy`.
            pub fn subject(&self) -> String {
                let mut subject = String::new();
                let _ = self.write_subject(&mut subject);
                subject
            }

            /// Whether `subject` is the one it belongs to ([`EventBody::subject`]), found
            /// without writing it out (every stored record is checked at start).
            pub fn subject_is(&self, subject: &str) -> bool {
                let mut same = SameText { rest: subject, same: true };
                let written = self.write_subject(&mut same).is_ok();
                written && same.same && same.rest.is_empty()
            }

            fn write_subject(&self, out: &mut dyn std::fmt::Write) -> std::fmt::Result {
                match self {
                    $(EventBody::$variant(b) => b.write_subject(out),)+
                }
            }

            /// What a township-scoped record is about (its township, or its village whose
            /// township the master data names); `None` for other records.
            pub fn about(&self) -> Option<About> {
                match self {
                    $(EventBody::$variant(b) => b.about(),)+
                }
            }

            /// The text of a payload field named by an access rule (`FIELD_RULES`,
            /// `AUTHOR_FIELDS`), as serialized; `None` if this body has no such field.
            pub fn field_text(&self, field: &str) -> Option<&str> {
                match self {
                    $(EventBody::$variant(b) => b.field_text(field),)+
                }
            }

            /// Read the body of `kind` from the value that follows it.
            fn read<'de, A: MapAccess<'de>>(kind: String, map: &mut A) -> Result<Self, A::Error> {
                $(if <$part>::KINDS.contains(&kind.as_str()) {
                    let one = de::value::MapAccessDeserializer::new(OneEntry { kind: Some(kind), map });
                    return <$part>::deserialize(one).map(EventBody::$variant);
                })+
                Err(de::Error::custom(format_args!("unknown kind `{kind}`")))
            }
        }
    };
}

for_each_workflow!(event_parts);

impl<'de> Deserialize<'de> for EventBody {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(BodyVisitor)
    }
}

/// Reads `{"<kind>": {...}}` and hands the value to the part that owns the kind,
/// without buffering it.
struct BodyVisitor;

impl<'de> Visitor<'de> for BodyVisitor {
    type Value = EventBody;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an event body: one kind and its fields")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<EventBody, A::Error> {
        let Some(kind) = map.next_key::<String>()? else {
            return Err(de::Error::invalid_length(0, &self));
        };
        let body = EventBody::read(kind, &mut map)?;
        if map.next_key::<de::IgnoredAny>()?.is_some() {
            return Err(de::Error::invalid_length(2, &self));
        }
        Ok(body)
    }
}

/// The one `kind: value` entry of a body, the kind already read.
struct OneEntry<'a, A> {
    kind: Option<String>,
    map: &'a mut A,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for OneEntry<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        match self.kind.take() {
            Some(kind) => seed.deserialize(kind.into_deserializer()).map(Some),
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.map.next_value_seed(seed)
    }
}

/// A writer that compares what is written with a text, piece by piece, copying nothing.
struct SameText<'a> {
    /// What is still to be matched.
    rest: &'a str,
    /// Whether every piece so far matched.
    same: bool,
}

impl std::fmt::Write for SameText<'_> {
    fn write_str(&mut self, piece: &str) -> std::fmt::Result {
        match self.rest.strip_prefix(piece) {
            Some(rest) => self.rest = rest,
            None => self.same = false,
        }
        Ok(())
    }
}
