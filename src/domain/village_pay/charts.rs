//! The village-pay charts (图表): a township's composite scores and grades, pay by
//! grade and each village's quarters (the results page); the county's grades by
//! township (the pay sheet). Figures come from the standing grading and the results
//! view; nothing is worked out again here.

use super::{HeadGrade, TownshipYearView, VillageResult};
use crate::domain::chart::{count, grouped, hundredths, Chart, Group};
use crate::domain::screen::t;
use crate::domain::state::State;

/// The heads' grades, best first.
const GRADES: [HeadGrade; 3] = [HeadGrade::Excellent, HeadGrade::Basic, HeadGrade::Fail];

/// The bands of composite scores counted (hundredths of a point, lower bound included).
const BANDS: [(u32, &str); 5] = [
    (0, "<60"),
    (6000, "60–69.99"),
    (7000, "70–79.99"),
    (8000, "80–89.99"),
    (9000, "≥90"),
];

fn results(v: &TownshipYearView) -> Vec<&VillageResult> {
    v.rows.iter().filter_map(|r| r.result.as_ref()).collect()
}

/// The results page's charts: composite bands, grades, pay by grade (once graded), and
/// each village's quarterly scores (once any is scored).
pub fn township_charts(v: &TownshipYearView, zh: bool) -> Vec<Chart> {
    let graded = results(v);
    let mut out = Vec::new();
    if !graded.is_empty() {
        out.push(composite_bands(&graded, zh));
        out.push(grade_counts(&graded, zh));
        out.push(pay_by_grade(&graded, zh));
    }
    let trend = quarter_trend(v, zh);
    if !trend.is_empty() {
        out.push(trend);
    }
    out
}

/// How many villages' composite falls in each band.
pub fn composite_bands(graded: &[&VillageResult], zh: bool) -> Chart {
    let upper = |i: usize| BANDS.get(i + 1).map_or(u32::MAX, |b| b.0);
    let groups = BANDS.iter().enumerate().map(|(i, (low, label))| {
        let n = graded
            .iter()
            .filter(|r| r.composite >= *low && r.composite < upper(i))
            .count();
        Group::new(*label, vec![Some(n as u64)], count)
    });
    Chart {
        testid: "chart-composite",
        caption: t(zh, "综合得分分布（村数）", "Composite scores (villages)"),
        group_head: t(zh, "综合得分", "Composite"),
        series: vec![t(zh, "村数", "Villages")],
        groups: groups.collect(),
        full: None,
    }
}

/// How many villages' heads got each grade.
pub fn grade_counts(graded: &[&VillageResult], zh: bool) -> Chart {
    let groups = GRADES.iter().map(|g| {
        let n = graded.iter().filter(|r| r.head_grade == *g).count();
        Group::new(g.label(zh), vec![Some(n as u64)], count)
    });
    Chart {
        testid: "chart-grades",
        caption: t(zh, "正职等次（村数）", "Heads' grades (villages)"),
        group_head: t(zh, "等次", "Grade"),
        series: vec![t(zh, "村数", "Villages")],
        groups: groups.collect(),
        full: None,
    }
}

/// The pay per head summed over the villages of each grade, whole yuan.
pub fn pay_by_grade(graded: &[&VillageResult], zh: bool) -> Chart {
    let groups = GRADES.iter().map(|g| {
        let of_grade = graded.iter().filter(|r| r.head_grade == *g);
        let sum = of_grade.fold(0u64, |s, r| s.saturating_add(r.total_pay()));
        Group::new(g.label(zh), vec![Some(sum)], grouped)
    });
    Chart {
        testid: "chart-pay",
        caption: t(
            zh,
            "各等次报酬合计（每村每人，元）",
            "Pay by grade (per head, summed over villages, yuan)",
        ),
        group_head: t(zh, "等次", "Grade"),
        series: vec![t(zh, "报酬（元）", "Pay (yuan)")],
        groups: groups.collect(),
        full: None,
    }
}

/// Each village's four quarterly scores as they stand (none: not scored).
pub fn quarter_trend(v: &TownshipYearView, zh: bool) -> Chart {
    let quarters = [
        ("一季度", "Q1"),
        ("二季度", "Q2"),
        ("三季度", "Q3"),
        ("四季度", "Q4"),
    ];
    let groups = v.rows.iter().map(|r| {
        let scores = r.cells.iter().take(4).map(|c| c.score.map(u64::from));
        Group::new(r.village.name.clone(), scores.collect(), hundredths)
    });
    Chart {
        testid: "chart-quarters",
        caption: t(zh, "各村季度得分", "Each village's quarterly scores"),
        group_head: t(zh, "村", "Village"),
        series: quarters.iter().map(|(z, e)| t(zh, z, e)).collect(),
        groups: groups.collect(),
        full: None,
    }
}

/// The county's heads' grades of `year` by township (the standing grading of each).
pub fn grades_by_township(state: &State, year: i32, zh: bool) -> Chart {
    let counted = &state.village_pay.counted;
    let groups = state.master.townships_sorted().into_iter().map(|tw| {
        let results = counted.grading(&tw.id, year).map(|g| g.results.as_slice());
        let n = |g: HeadGrade| {
            let of = results.unwrap_or_default().iter();
            Some(of.filter(|r| r.head_grade == g).count() as u64)
        };
        Group::new(
            tw.name.clone(),
            GRADES.iter().map(|g| n(*g)).collect(),
            count,
        )
    });
    Chart {
        testid: "chart-township-grades",
        caption: t(
            zh,
            "各乡镇正职等次（村数）",
            "Heads' grades by township (villages)",
        ),
        group_head: t(zh, "乡镇（苏木）", "Township"),
        series: GRADES.iter().map(|g| g.label(zh).to_string()).collect(),
        groups: groups.collect(),
        full: None,
    }
}
