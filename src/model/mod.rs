//! The report model: the official table definitions, the typed report the reader produces,
//! and the findings the rules produce. Plain data, no behaviour beyond small queries.

mod decimal;
mod digest;
mod finding;
mod layout;
mod message;
pub(crate) mod order;
mod report;
mod review;
mod tally;
mod template;

pub use decimal::{Decimal, MAX_DIGITS};
pub use digest::{Digest, TELLING_NUMBERS, TablePrint, continued_rows};
pub use finding::{CellRef, Deadline, Fact, Finding, Hint, Line, Other, Relation, Role, Severity, SkippedCheck, finding_ids};
pub use layout::{Grid, GridItem, GridRow, grid};
pub(crate) use order::sort_stable_by;
pub use report::{
    Cell, Claim, Claimed, Date, Located, MixedFormat, Note, Report, Settlement, Span, TableRead, TiedRow, Unit, UnreadReason, Value,
};
pub use review::{Decision, DecisionCounts, Decisions, Verdict};
pub use tally::{Tally, Unchecked, Why};
pub use template::{
    AppealCol, AppealRow, CellKey, Format, Part, ProactiveBlock, ProactiveCol, ProactiveRow, RequestCol, RequestGroup, RequestRow, Table,
    ValueKind, heading, proactive_block, proactive_labels, proactive_layout,
};
