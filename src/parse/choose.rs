//! Choosing among the readings a text allows, by the table's relations, without assuming the
//! report is right.
//!
//! Where digits ran together, the text allows several readings of a row (every cut of its
//! run into the row's cells). The structure decides first: a row whose digits can be cut only
//! one way is read so, whatever the arithmetic says (the caller does that). Where several
//! readings remain, the relations choose: the reading of the pending rows, taken together,
//! that breaks the fewest of the relations they take part in. That is the reading where
//! everything adds up when one does; when none does (the report itself is wrong), it is the
//! reading that explains the table with the fewest broken relations, and the rules report
//! what stays broken. Readings that tie are reported as such, never decided by a guess.
//!
//! The search is exact: an iterative deepening on the number of breaks allowed (none first),
//! each a branch and bound over the pending rows, pruned by the relations already decided and
//! by the range each undecided row can still add to a relation. It is bounded by
//! [`MAX_NODES`]; past that the choice is given up.

use crate::model::Decimal;

/// The scale values are compared at: every value times 10^12, the most decimals a cell keeps.
/// With at most 24 significant digits a value stays below 10^36, and a sum of a table's cells
/// within `i128`.
pub const SCALE: u32 = 12;

/// A value at [`SCALE`]; `None` for a value too large to compare.
pub fn scaled(value: Decimal) -> Option<i128> {
    value.rescaled(SCALE).filter(|v| v.unsigned_abs() < 10u128.pow(36))
}

/// The most nodes the search visits, all limits together, before giving up.
pub const MAX_NODES: usize = 400_000;

/// The most tied readings kept (to list them, and to read the cells they agree on).
pub const MAX_TIES: usize = 8;

/// One unit whose reading is to be chosen (a row of 表三), with its candidate readings.
#[derive(Debug, Default)]
pub struct Unit {
    /// The candidates' values at [`SCALE`], `width` per candidate.
    pub values: Vec<i128>,
    pub width: usize,
    /// Whether only the candidates that satisfy the unit's own relations are listed (a row
    /// with too many cuts to list them all): readings where it breaks them are not searched.
    pub truncated: bool,
}

impl Unit {
    pub fn len(&self) -> usize {
        self.values.len().checked_div(self.width).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// One of the table's relations as the equation `constant + Σ sign × value = 0` over cells of
/// the units (cells outside them are folded into the constant, at [`SCALE`]). (Named apart
/// from `model::Relation`, the relations the rules check.)
#[derive(Clone, Debug)]
pub struct Equation {
    pub constant: i128,
    /// (unit, position in the unit's reading, +1 or −1).
    pub terms: Vec<(usize, usize, i8)>,
}

/// What the search found.
#[derive(Debug, PartialEq, Eq)]
pub enum Choice {
    /// One reading breaks fewer relations than every other: the candidate of each unit.
    Best { choice: Vec<usize>, broken: usize },
    /// Several readings break the fewest relations, `broken` each. `choices` holds up to
    /// [`MAX_TIES`] of them; `complete` when those are all.
    Tied { choices: Vec<Vec<usize>>, complete: bool, broken: usize },
    /// No reading makes every relation hold, but which breaks the fewest could not be told
    /// (too many readings to search them all): each breaks at least `broken`.
    Undecided { broken: usize },
    /// The search was given up before it could tell whether some reading makes every
    /// relation hold (too many readings).
    TooMany,
}

/// Chooses a candidate of every unit so that the fewest relations are broken.
pub fn choose(units: Vec<Unit>, relations: &[Equation]) -> Choice {
    let count = units.len();
    let truncated = units.iter().any(|u| u.truncated);
    let Some(problem) = Problem::new(units, relations) else {
        return Choice::TooMany;
    };
    // Iterative deepening on the number of breaks allowed: a reading with none is looked for
    // first (the usual case, where the narrowest ranges prune most), then one, and so on; the
    // first limit that admits readings has the fewest breaks.
    let mut nodes = 0;
    for limit in 0..=problem.most_breaks() {
        let mut search = Search {
            problem: &problem,
            limit,
            ties: Vec::new(),
            more_ties: false,
            nodes,
            current: vec![0; count],
            sums: problem.constants.clone(),
            fixable: vec![0; count],
        };
        let finished = search.visit(0, 0);
        nodes = search.nodes;
        // Every limit below this one was searched in full and admitted no reading.
        let undecided = if limit == 0 { Choice::TooMany } else { Choice::Undecided { broken: limit } };
        if search.ties.is_empty() {
            if finished {
                continue;
            }
            return undecided;
        }
        // A unit whose cuts that break its own relations were not listed: with breaks
        // allowed, those readings might break as few.
        if truncated && limit > 0 {
            return Choice::Undecided { broken: limit };
        }
        // Back to the units' own order and candidate numbers.
        let unorder = |choice: &Vec<usize>| -> Vec<usize> {
            let mut out = vec![0; count];
            for (depth, &tried) in choice.iter().enumerate() {
                out[problem.levels[depth].unit] = problem.levels[depth].candidates[tried];
            }
            out
        };
        return match &search.ties[..] {
            [one] if finished => Choice::Best { choice: unorder(one), broken: limit },
            many => Choice::Tied { choices: many.iter().map(unorder).collect(), complete: finished && !search.more_ties, broken: limit },
        };
    }
    Choice::TooMany
}

/// One unit as the search meets it: its candidates fewest own breaks first, their values
/// as integers at the problem's common scale, and its share of the relations shared with
/// other units.
struct Level {
    unit: usize,
    width: usize,
    /// The unit's candidate numbers, in the order tried.
    candidates: Vec<usize>,
    /// Each candidate's breaks of the relations on this unit alone (its row total).
    local: Vec<usize>,
    /// The candidates' values, `width` each, in the order tried.
    values: Vec<i128>,
    /// The shared relations this unit takes part in: (relation, its terms here as
    /// (position, sign)).
    shares: Vec<(usize, Vec<(usize, i8)>)>,
}

impl Level {
    fn contribution(&self, candidate: usize, terms: &[(usize, i8)]) -> i128 {
        let values = &self.values[candidate * self.width..(candidate + 1) * self.width];
        terms.iter().map(|&(pos, sign)| if sign < 0 { -values[pos] } else { values[pos] }).sum()
    }

    /// The least local breaks of any candidate.
    fn floor(&self) -> usize {
        self.local.first().copied().unwrap_or(0)
    }

    /// The range of this unit's contribution to a relation: over the candidates with the
    /// fewest own breaks (`tight`), or over all.
    fn range(&self, terms: &[(usize, i8)], tight: bool) -> (i128, i128) {
        let mut lo = i128::MAX;
        let mut hi = i128::MIN;
        for c in 0..self.candidates.len() {
            if tight && self.local[c] != self.floor() {
                break;
            }
            let v = self.contribution(c, terms);
            lo = lo.min(v);
            hi = hi.max(v);
        }
        (lo, hi)
    }
}

/// The problem prepared for the search.
struct Problem {
    /// The units in the order searched.
    levels: Vec<Level>,
    /// The constants of the relations shared by several units.
    constants: Vec<i128>,
    /// From each depth on, the least local breaks still to come.
    local_floor: Vec<usize>,
    /// From each depth on, per shared relation, the range the remaining units add with every
    /// one at a candidate with the fewest own breaks.
    tight: Vec<Vec<(i128, i128)>>,
    /// Per shared relation, the depths of the units in it that have candidates beyond their
    /// fewest own breaks (the units that, at the cost of a break of their own, could reach
    /// values outside the tight range).
    movable: Vec<Vec<usize>>,
}

impl Problem {
    /// `None` when a unit has no candidate.
    fn new(units: Vec<Unit>, relations: &[Equation]) -> Option<Problem> {
        if units.iter().any(|u| u.is_empty()) {
            return None;
        }
        let mut own: Vec<Vec<&Equation>> = vec![Vec::new(); units.len()];
        let mut shared: Vec<&Equation> = Vec::new();
        for r in relations {
            match r.terms.first() {
                None => {}
                Some(first) if r.terms.iter().all(|t| t.0 == first.0) => own[first.0].push(r),
                Some(_) => shared.push(r),
            }
        }
        let terms_of = |r: &Equation, u: usize| -> Vec<(usize, i8)> { r.terms.iter().filter(|t| t.0 == u).map(|t| (t.1, t.2)).collect() };
        let mut levels = Vec::with_capacity(units.len());
        for (u, unit) in units.into_iter().enumerate() {
            let width = unit.width;
            let count = unit.len();
            let own_terms: Vec<(i128, Vec<(usize, i8)>)> = own[u].iter().map(|r| (r.constant, terms_of(r, u))).collect();
            let own_breaks = |values: &[i128]| -> usize {
                own_terms
                    .iter()
                    .filter(|(constant, terms)| {
                        constant + terms.iter().map(|&(p, s)| if s < 0 { -values[p] } else { values[p] }).sum::<i128>() != 0
                    })
                    .count()
            };
            let mut order: Vec<(usize, usize)> = (0..count).map(|c| (c, own_breaks(&unit.values[c * width..(c + 1) * width]))).collect();
            crate::model::sort_stable_by(&mut order, |a, b| a.1.cmp(&b.1));
            // The values in the order tried, in place of the unit's own.
            let mut values = unit.values;
            let mut sorted = Vec::with_capacity(values.len());
            for &(c, _) in &order {
                sorted.extend_from_slice(&values[c * width..(c + 1) * width]);
            }
            values.clear();
            values.shrink_to_fit();
            let shares =
                shared.iter().enumerate().filter(|(_, r)| r.terms.iter().any(|t| t.0 == u)).map(|(i, r)| (i, terms_of(r, u))).collect();
            levels.push(Level {
                unit: u,
                width,
                candidates: order.iter().map(|o| o.0).collect(),
                local: order.iter().map(|o| o.1).collect(),
                values: sorted,
                shares,
            });
        }
        // Units with the fewest candidates of fewest own breaks first: they are nearly fixed,
        // and fixing them first decides the shared relations early; among those, the ones with
        // the most candidates first, so that a break of their own is tried high in the tree,
        // where the bounds prune it most.
        let tight_count = |l: &Level| l.local.iter().take_while(|b| **b == l.floor()).count();
        crate::model::sort_stable_by(&mut levels, |a, b| (tight_count(a), b.candidates.len()).cmp(&(tight_count(b), a.candidates.len())));

        let constants: Vec<i128> = shared.iter().map(|r| r.constant).collect();
        let depth = levels.len();
        let mut local_floor = vec![0; depth + 1];
        let mut tight = vec![vec![(0, 0); shared.len()]; depth + 1];
        let mut movable = vec![Vec::new(); shared.len()];
        for d in (0..depth).rev() {
            local_floor[d] = local_floor[d + 1] + levels[d].floor();
            tight[d] = tight[d + 1].clone();
            let can_move = levels[d].local.last() != levels[d].local.first();
            for (r, terms) in &levels[d].shares {
                let (lo, hi) = levels[d].range(terms, true);
                tight[d][*r] = (tight[d][*r].0 + lo, tight[d][*r].1 + hi);
                if can_move {
                    movable[*r].push(d);
                }
            }
        }
        Some(Problem { levels, constants, local_floor, tight, movable })
    }

    /// The most relations a reading can break: every shared one, and each unit's own.
    fn most_breaks(&self) -> usize {
        self.constants.len() + self.levels.iter().map(|l| l.local.iter().copied().max().unwrap_or(0)).sum::<usize>()
    }
}

struct Search<'a> {
    problem: &'a Problem,
    /// The breaks allowed: readings with more are pruned.
    limit: usize,
    /// The readings found within the limit, as candidate positions per depth.
    ties: Vec<Vec<usize>>,
    /// Whether more readings tie than were kept.
    more_ties: bool,
    nodes: usize,
    current: Vec<usize>,
    /// Each shared relation's value so far.
    sums: Vec<i128>,
    /// Scratch space of [`Search::certain_breaks`]: per depth, the broken relations its unit
    /// could fix.
    fixable: Vec<usize>,
}

impl Search<'_> {
    /// How many more breaks every reading from `depth` on has at least, with `slack` breaks to
    /// spare. A shared relation whose range, with every remaining unit at a candidate of
    /// fewest own breaks, cannot reach 0 is broken unless a unit in it takes another candidate,
    /// which costs a break of its own; `d` such units fix at most the relations they are in.
    fn certain_breaks(&mut self, depth: usize, slack: usize) -> usize {
        let p = self.problem;
        let mut broken = 0;
        if slack > 0 {
            self.fixable.iter_mut().for_each(|n| *n = 0);
        }
        for r in 0..self.sums.len() {
            let (lo, hi) = p.tight[depth][r];
            if self.sums[r] + lo > 0 || self.sums[r] + hi < 0 {
                broken += 1;
                if slack > 0 {
                    for &d in p.movable[r].iter().filter(|&&d| d >= depth) {
                        self.fixable[d] += 1;
                    }
                }
            }
        }
        if slack == 0 || broken == 0 {
            return broken;
        }
        // The fewest breaks with 0, 1, … `slack` units moved, the ones in most relations first.
        let mut least = broken;
        let mut fixed = 0;
        for moved in 1..=slack {
            let Some((at, most)) = self.fixable.iter().copied().enumerate().max_by_key(|(_, n)| *n) else {
                break;
            };
            if most == 0 {
                break;
            }
            self.fixable[at] = 0;
            fixed += most;
            least = least.min(moved + broken.saturating_sub(fixed));
        }
        least
    }

    /// Visits the readings from `depth` on, with `local` breaks so far; false when the
    /// search stopped early (the node budget ran out, or more readings tie than are kept).
    fn visit(&mut self, depth: usize, local: usize) -> bool {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return false;
        }
        let p = self.problem;
        let Some(level) = p.levels.get(depth) else {
            let broken = local + self.sums.iter().filter(|s| **s != 0).count();
            if broken <= self.limit {
                if self.ties.len() == MAX_TIES {
                    self.more_ties = true;
                    return false;
                }
                self.ties.push(self.current.clone());
            }
            return true;
        };
        let base = local + p.local_floor[depth];
        if base > self.limit {
            return true;
        }
        if base + self.certain_breaks(depth, self.limit - base) > self.limit {
            return true;
        }
        for i in 0..level.candidates.len() {
            if base + level.local[i] - level.floor() > self.limit {
                break;
            }
            for (r, terms) in &level.shares {
                self.sums[*r] += level.contribution(i, terms);
            }
            self.current[depth] = i;
            let go_on = self.visit(depth + 1, local + level.local[i]);
            for (r, terms) in &level.shares {
                self.sums[*r] -= level.contribution(i, terms);
            }
            if !go_on {
                return false;
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(cands: &[&[i64]]) -> Unit {
        let width = cands[0].len();
        let values = cands.iter().flat_map(|c| c.iter().map(|v| scaled(Decimal::from_int(*v)).unwrap())).collect();
        Unit { values, width, truncated: false }
    }

    /// `a + b = c` within one unit of width 3.
    fn row_total(u: usize) -> Equation {
        Equation { constant: 0, terms: vec![(u, 0, 1), (u, 1, 1), (u, 2, -1)] }
    }

    #[test]
    fn the_reading_where_everything_holds() {
        let units = vec![unit(&[&[1, 2, 3], &[12, 0, 3]])];
        assert_eq!(choose(units, &[row_total(0)]), Choice::Best { choice: vec![0], broken: 0 });
    }

    #[test]
    fn the_reading_that_breaks_fewest_when_none_holds() {
        // Two rows; the second's first cell plus the first's must be 5.
        let units = [unit(&[&[1, 2, 4], &[12, 0, 4]]), unit(&[&[4, 0, 4], &[40, 0, 4]])];
        let column = Equation { constant: scaled(Decimal::from_int(-5)).unwrap(), terms: vec![(0, 0, 1), (1, 0, 1)] };
        let found = choose(units.into(), &[row_total(0), row_total(1), column]);
        assert_eq!(found, Choice::Best { choice: vec![0, 0], broken: 1 });
    }

    #[test]
    fn readings_that_tie_are_reported_as_such() {
        let units = vec![unit(&[&[1, 2, 4], &[12, 0, 4]])];
        let found = choose(units, &[row_total(0)]);
        assert_eq!(found, Choice::Tied { choices: vec![vec![0], vec![1]], complete: true, broken: 1 });
    }

    #[test]
    fn decimals_and_whole_numbers_compare_exactly() {
        let half = scaled(Decimal::parse_digits("0", "5").unwrap()).unwrap();
        let one = scaled(Decimal::from_int(1)).unwrap();
        let units = vec![Unit { values: vec![half, half, one, 10 * one / 2, half, one], width: 3, truncated: false }];
        assert_eq!(choose(units, &[row_total(0)]), Choice::Best { choice: vec![0], broken: 0 });
    }
}
