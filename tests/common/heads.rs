//! The village-heads fixture (W3, seed 002 扎鲁特旗): 乌力吉木仁苏木's heads over time —
//! a secretary of 10 years to the day, one a day short, one who also served as director
//! (overlap counted once), one who died in office, and sitting heads — recorded by the
//! county's organization department through `Ledger::record`.
#![allow(dead_code)]

use chrono::NaiveDate;
use jishi::domain::event::{Event, Role};
use jishi::domain::village_heads::{CareExclusion, Command, EndReason, HeadPost, Tenure};

use super::{d, Device, LARGE, MID, SMALL, UPPER};

/// Confirm `year`'s list, replacing the confirmations the device holds.
pub fn confirm_list(dev: &Device, year: i32, excluded: Vec<CareExclusion>) -> Command {
    let seen = dev.state().village_heads.list_live_ids(year);
    let shown = jishi::domain::village_heads::entries(dev.state(), year, &[]);
    Command::ConfirmCareList {
        year,
        excluded,
        seen,
        shown,
    }
}

/// 10 years to the day as secretary of 巴彦芒哈 (2010-03-01 → 2020-03-01): qualifies.
pub const BAO: &str = "hp-bao";
/// One day short of 10 years as secretary of 乌兰哈达 (2010-03-01 → 2020-02-29).
pub const HAN: &str = "hp-han";
/// Secretary of 白音花 2006–2014 and its director 2012–2017 at once: 11 years once.
pub const MENG: &str = "hp-meng";
/// Secretary of 乌力吉木仁 2005–2019, died in office: no care.
pub const QI: &str = "hp-qi";
/// Sitting secretary of 巴彦芒哈 since 2020-03-01.
pub const BAI: &str = "hp-bai";

/// A tenure's content.
pub fn tenure(
    person: &str,
    name: &str,
    village: &str,
    post: HeadPost,
    start: NaiveDate,
    end: Option<(NaiveDate, EndReason)>,
) -> Tenure {
    Tenure {
        person: person.into(),
        name: name.into(),
        village: village.into(),
        post,
        start,
        end: end.map(|(day, _)| day),
        end_reason: end.map(|(_, why)| why),
    }
}

/// Record a tenure as the administrator on `on`, replacing the versions of it the
/// device holds.
pub fn record(dev: &mut Device, on: NaiveDate, id: &str, t: Tenure) -> Vec<Event> {
    let seen = dev.state().village_heads.tenure_live_ids(id);
    let cmd = Command::RecordTenure {
        tenure: id.into(),
        record: t,
        seen,
    };
    dev.ok(Role::Admin, on, cmd)
}

/// The heads' history, recorded on 2026-11-20 (after `Device::master_data`).
pub fn heads_history(dev: &mut Device) {
    let on = d(2026, 11, 20);
    let term = EndReason::TermEnded;
    let secretary = HeadPost::Secretary;
    let rows = [
        (
            "ht-bao",
            tenure(
                BAO,
                "包金山",
                SMALL,
                secretary,
                d(2010, 3, 1),
                Some((d(2020, 3, 1), term)),
            ),
        ),
        (
            "ht-han",
            tenure(
                HAN,
                "韩宝音",
                MID,
                secretary,
                d(2010, 3, 1),
                Some((d(2020, 2, 29), term)),
            ),
        ),
        (
            "ht-meng-s",
            tenure(
                MENG,
                "孟根",
                UPPER,
                secretary,
                d(2006, 1, 1),
                Some((d(2014, 1, 1), term)),
            ),
        ),
        (
            "ht-meng-d",
            tenure(
                MENG,
                "孟根",
                UPPER,
                HeadPost::Director,
                d(2012, 1, 1),
                Some((d(2017, 1, 1), EndReason::Retired)),
            ),
        ),
        (
            "ht-qi",
            tenure(
                QI,
                "其木格",
                LARGE,
                secretary,
                d(2005, 1, 1),
                Some((d(2019, 6, 1), EndReason::Died)),
            ),
        ),
        (
            "ht-bai",
            tenure(BAI, "白玉兰", SMALL, secretary, d(2020, 3, 1), None),
        ),
    ];
    for (id, t) in rows {
        record(dev, on, id, t);
    }
}
