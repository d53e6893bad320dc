//! Charts as data (图表): grouped vertical bars on one scale, each bar's height worked out
//! here from whole numbers with explicit rounding, so every phone draws the same chart and a
//! test can check it. The renderer draws them as inline SVG (`ui::components::screen`) with
//! the same figures as a table for screen readers and print.
//!
//! A chart is groups (villages, grades, years, townships) of bars, one bar per series
//! (quarters, grades); one series is a plain bar chart, several a grouped one.

/// A bar's full height: heights are thousandths of the tallest bar's value.
pub const FULL: u32 = 1000;

/// A grouped bar chart.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Chart {
    /// `data-testid`, if any.
    pub testid: &'static str,
    /// What it shows ("综合得分分布（村数）").
    pub caption: String,
    /// The head of the groups' column in its table ("综合得分", "村").
    pub group_head: String,
    /// The series' names, in order (the legend and the table's columns).
    pub series: Vec<String>,
    /// The groups, in order.
    pub groups: Vec<Group>,
    /// The value drawn full height (a share's whole); `None`: the tallest value.
    pub full: Option<u64>,
}

/// One group of bars: its label, and one value per series.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Group {
    /// What it is ("东风村", "优秀", "2026").
    pub label: String,
    /// Its values in whole units (villages, yuan, hundredths of a point), one per series;
    /// `None`: nothing to show (not assessed).
    pub values: Vec<Option<u64>>,
    /// Each value as a person reads it ("85.50", "12,000"; "—" for none).
    pub shown: Vec<String>,
}

impl Group {
    /// A group with these values, each shown by `show`.
    pub fn new(
        label: impl Into<String>,
        values: Vec<Option<u64>>,
        show: fn(u64) -> String,
    ) -> Group {
        let shown = values
            .iter()
            .map(|v| v.map_or_else(|| "—".to_string(), show))
            .collect();
        Group {
            label: label.into(),
            values,
            shown,
        }
    }
}

impl Chart {
    /// The value drawn full height: [`Chart::full`], else the tallest value (0 when
    /// there is none).
    pub fn max(&self) -> u64 {
        let values = self.groups.iter().flat_map(|g| g.values.iter().flatten());
        self.full
            .unwrap_or_else(|| values.copied().max().unwrap_or(0))
    }

    /// Each bar's height in thousandths of the tallest ([`FULL`]), half rounded up
    /// (`None`: no bar); all 0 when every value is 0.
    pub fn heights(&self) -> Vec<Vec<Option<u32>>> {
        let max = self.max();
        let height = |v: u64| scaled(v, max);
        let group = |g: &Group| g.values.iter().map(|v| v.map(height)).collect();
        self.groups.iter().map(group).collect()
    }

    /// Whether there is nothing to draw (no group, or no value).
    pub fn is_empty(&self) -> bool {
        self.groups
            .iter()
            .all(|g| g.values.iter().all(Option::is_none))
    }
}

/// `value` in thousandths of `max`, half rounded up (0 when `max` is 0); exact for any
/// `u64` (worked in `u128`).
pub fn scaled(value: u64, max: u64) -> u32 {
    if max == 0 {
        return 0;
    }
    let value = u128::from(value.min(max));
    let max = u128::from(max);
    let full = u128::from(FULL);
    let h = (2 * value * full + max) / (2 * max);
    u32::try_from(h).unwrap_or(FULL)
}

/// A whole number with thousands separators ("12,000").
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A count as it is ("3").
pub fn count(n: u64) -> String {
    n.to_string()
}

/// Hundredths of a percent as a share ("37.50%").
pub fn percent(bp: u64) -> String {
    format!("{}.{:02}%", bp / 100, bp % 100)
}

/// `part` of `whole` in hundredths of a percent, half rounded up (0 of nothing).
pub fn share_bp(part: u64, whole: u64) -> u64 {
    if whole == 0 {
        return 0;
    }
    let (part, whole) = (u128::from(part), u128::from(whole));
    u64::try_from((2 * part * 10_000 + whole) / (2 * whole)).unwrap_or(u64::MAX)
}

/// Hundredths of a point as a score ("85.50").
pub fn hundredths(n: u64) -> String {
    format!("{}.{:02}", n / 100, n % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(values: &[u64]) -> Chart {
        let groups = values
            .iter()
            .map(|v| Group::new(v.to_string(), vec![Some(*v)], count))
            .collect();
        Chart {
            groups,
            ..Chart::default()
        }
    }

    #[test]
    fn heights_are_thousandths_of_the_tallest_half_rounded_up() {
        let c = chart(&[3, 2, 1, 0]);
        let h: Vec<_> = c.heights().into_iter().map(|g| g[0]).collect();
        // 2/3 = 666.67 → 667; 1/3 = 333.33 → 333.
        assert_eq!(h, vec![Some(1000), Some(667), Some(333), Some(0)]);
        // Exactly half a thousandth rounds up: 1/2000 of the tallest → 1.
        assert_eq!(scaled(1, 2000), 1);
        assert_eq!(scaled(1, 2001), 0);
    }

    #[test]
    fn an_empty_or_all_zero_chart_draws_nothing_tall() {
        assert!(chart(&[]).heights().is_empty());
        assert!(chart(&[]).is_empty());
        let zero = chart(&[0, 0]);
        assert_eq!(zero.heights(), vec![vec![Some(0)], vec![Some(0)]]);
        let missing = Chart {
            groups: vec![Group::new("东风村", vec![None, None], count)],
            ..Chart::default()
        };
        assert!(missing.is_empty());
        assert_eq!(missing.heights(), vec![vec![None, None]]);
        assert_eq!(missing.groups[0].shown, vec!["—", "—"]);
    }

    #[test]
    fn huge_values_scale_without_overflow() {
        let c = chart(&[u64::MAX, u64::MAX / 2, 1]);
        let h: Vec<_> = c.heights().into_iter().map(|g| g[0]).collect();
        assert_eq!(h, vec![Some(1000), Some(500), Some(0)]);
    }

    #[test]
    fn a_share_is_drawn_against_its_whole_not_the_tallest() {
        let mut c = chart(&[share_bp(1, 3), share_bp(1, 2)]);
        c.full = Some(10_000);
        let h: Vec<_> = c.heights().into_iter().map(|g| g[0]).collect();
        // 1/3 = 33.33% → 3,333 bp → 333; 1/2 → 500.
        assert_eq!(h, vec![Some(333), Some(500)]);
        assert_eq!(percent(share_bp(2, 3)), "66.67%");
        assert_eq!(share_bp(5, 0), 0);
        // Over the whole (a unit audited twice): drawn full, never taller.
        c.groups[0].values[0] = Some(20_000);
        assert_eq!(c.heights()[0][0], Some(1000));
    }

    #[test]
    fn figures_read_as_people_write_them() {
        assert_eq!(grouped(1_234_567), "1,234,567");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(0), "0");
        assert_eq!(hundredths(8550), "85.50");
        assert_eq!(hundredths(6000), "60.00");
    }
}
