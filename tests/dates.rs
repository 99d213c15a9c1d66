//! The dates family, case by case: every wrong form is caught by the right
//! rule with the right fix (or, for rules without a fix, at least caught),
//! and every trap of `research/domain-rules.md` §2 stays silent.
//!
//! Cases are ours (written for this test), not corpus text.

use chrono::NaiveDate;
use guifan::ruleset::builtin_rule_sets;
use guifan::settings::Settings;
use guifan::{Applicability, Document, DocumentOptions, Format, Linter};

/// `(input, rule, fixed)`: `fixed` is the text after applying that rule's
/// fixes (unsafe included), `None` for rules that only report.
type Bad = (&'static str, &'static str, Option<&'static str>);

const BAD: &[Bad] = &[
    // 0. Dates whose 年 or 月 was lost in scraping.
    (
        "2021916日上午，学院召开党委会。",
        "garbled-date",
        Some("2021年9月16日上午，学院召开党委会。"),
    ),
    (
        "1012日上午，学院召开专题会议。",
        "garbled-date",
        Some("10月12日上午，学院召开专题会议。"),
    ),
    ("111日，学院召开会议。", "garbled-date", None),
    // 1. Prose dates in 年月日 form.
    (
        "会议于2022-11-12在北京召开。",
        "iso-date-in-prose",
        Some("会议于2022年11月12日在北京召开。"),
    ),
    (
        "该办法自2023.04.03起施行。",
        "iso-date-in-prose",
        Some("该办法自2023年4月3日起施行。"),
    ),
    (
        "截至2021/5/12，共有236人报名。",
        "iso-date-in-prose",
        Some("截至2021年5月12日，共有236人报名。"),
    ),
    (
        "2024-01-05，学校召开工作会议，部署新学期工作。",
        "iso-date-in-prose",
        Some("2024年1月5日，学校召开工作会议，部署新学期工作。"),
    ),
    (
        "他于1998.7.1入党，长期在基层工作。",
        "iso-date-in-prose",
        Some("他于1998年7月1日入党，长期在基层工作。"),
    ),
    (
        "（记者 张明）2023-09-10上午，教师节表彰大会在礼堂举行。",
        "iso-date-in-prose",
        Some("（记者 张明）2023年9月10日上午，教师节表彰大会在礼堂举行。"),
    ),
    (
        "报名截止日期延长至2024-6-30，逾期不再受理。",
        "iso-date-in-prose",
        Some("报名截止日期延长至2024年6月30日，逾期不再受理。"),
    ),
    (
        "2022-11-12日，市委召开常委会会议。",
        "iso-date-in-prose",
        Some("2022年11月12日，市委召开常委会会议。"),
    ),
    // ISO dates where they belong: padded.
    (
        "发布时间：2019-2-1 10:49",
        "iso-date-padding",
        Some("发布时间：2019-02-01 10:49"),
    ),
    (
        "更新日期：2022-11-5",
        "iso-date-padding",
        Some("更新日期：2022-11-05"),
    ),
    (
        "来源：新华社 2021-3-15 08:00",
        "iso-date-padding",
        Some("来源：新华社 2021-03-15 08:00"),
    ),
    // 2. Calendar validity.
    ("会议定于2月30日召开。", "invalid-date", None),
    ("9月31日，学院组织开展专题学习。", "invalid-date", None),
    ("2023年2月29日，市委召开常委会会议。", "invalid-date", None),
    (
        "二〇二三年九月三十一日，学院举行典礼。",
        "invalid-date",
        None,
    ),
    ("4月31日上午，志愿者走进社区。", "invalid-date", None),
    ("6月31日前完成全部整改任务。", "invalid-date", None),
    ("11月31日，项目通过验收。", "invalid-date", None),
    ("2022年13月5日，项目开工。", "invalid-date", None),
    ("1月32日，春节联欢会举行。", "invalid-date", None),
    ("2100年2月29日，新馆开放。", "invalid-date", None),
    ("2019年2月29日—3月1日举办展览。", "invalid-date", None),
    // Weekdays.
    (
        "会议定于2025年6月18日（星期四）上午召开。",
        "weekday-mismatch",
        Some("会议定于2025年6月18日（星期三）上午召开。"),
    ),
    (
        "报名截止时间为2024年3月1日周六。",
        "weekday-mismatch",
        Some("报名截止时间为2024年3月1日周五。"),
    ),
    (
        "国庆节为2024年10月1日（星期一）。",
        "weekday-mismatch",
        Some("国庆节为2024年10月1日（星期二）。"),
    ),
    (
        "2023年12月25日(周日)放假。",
        "weekday-mismatch",
        Some("2023年12月25日(周一)放假。"),
    ),
    (
        "2024年6月2日（星期六）全天开放。",
        "weekday-mismatch",
        Some("2024年6月2日（星期日）全天开放。"),
    ),
    (
        "2025年1月1日星期二，新年第一天。",
        "weekday-mismatch",
        Some("2025年1月1日星期三，新年第一天。"),
    ),
    (
        "二〇二五年六月十八日（星期四）",
        "weekday-mismatch",
        Some("二〇二五年六月十八日（星期三）"),
    ),
    // 3. Full years.
    (
        "22年3月，学院成立专班。",
        "two-digit-year",
        Some("2022年3月，学院成立专班。"),
    ),
    (
        "早在九〇年，他就来到这里。",
        "two-digit-year",
        Some("早在一九九〇年，他就来到这里。"),
    ),
    (
        "’98年5月，工程正式开工。",
        "two-digit-year",
        Some("1998年5月，工程正式开工。"),
    ),
    (
        "零八年奥运会期间，他担任志愿者。",
        "two-digit-year",
        Some("二〇〇八年奥运会期间，他担任志愿者。"),
    ),
    (
        "19年12月，项目启动。",
        "two-digit-year",
        Some("2019年12月，项目启动。"),
    ),
    (
        "九八年五月，他考入北京大学。",
        "two-digit-year",
        Some("一九九八年五月，他考入北京大学。"),
    ),
    (
        "99年10月1日，他参加了国庆阅兵。",
        "two-digit-year",
        Some("1999年10月1日，他参加了国庆阅兵。"),
    ),
    // 4. 〇 in Chinese-numeral years; one numeral system per date.
    (
        "二零二五年是“十四五”规划收官之年。",
        "chinese-year-zero",
        Some("二〇二五年是“十四五”规划收官之年。"),
    ),
    (
        "二0二三年四月三日",
        "chinese-year-zero",
        Some("二〇二三年四月三日"),
    ),
    (
        "二○○一年新年贺词",
        "chinese-year-zero",
        Some("二〇〇一年新年贺词"),
    ),
    (
        "一九九零年九月，学校复办。",
        "chinese-year-zero",
        Some("一九九〇年九月，学校复办。"),
    ),
    (
        "二O二四年工作要点",
        "chinese-year-zero",
        Some("二〇二四年工作要点"),
    ),
    (
        "到二零三五年基本实现现代化。",
        "chinese-year-zero",
        Some("到二〇三五年基本实现现代化。"),
    ),
    (
        "二〇二三年4月3日，学院召开大会。",
        "mixed-numerals",
        Some("2023年4月3日，学院召开大会。"),
    ),
    (
        "2023年四月三日，学院召开大会。",
        "mixed-numerals",
        Some("2023年4月3日，学院召开大会。"),
    ),
    (
        "五月8日上午举行开幕式。",
        "mixed-numerals",
        Some("5月8日上午举行开幕式。"),
    ),
    (
        "2024年十二月，项目竣工。",
        "mixed-numerals",
        Some("2024年12月，项目竣工。"),
    ),
    (
        "3月十五日，消费者权益日活动举行。",
        "mixed-numerals",
        Some("3月15日，消费者权益日活动举行。"),
    ),
    // 5. No 虚位.
    (
        "2023年04月03日，学院召开大会。",
        "zero-padded",
        Some("2023年4月3日，学院召开大会。"),
    ),
    (
        "活动将于05月08日启动。",
        "zero-padded",
        Some("活动将于5月8日启动。"),
    ),
    (
        "2022年09月，新校区投入使用。",
        "zero-padded",
        Some("2022年9月，新校区投入使用。"),
    ),
    (
        "12月05日，专家组进校考察。",
        "zero-padded",
        Some("12月5日，专家组进校考察。"),
    ),
    (
        "2021年10月01日，国庆升旗仪式举行。",
        "zero-padded",
        Some("2021年10月1日，国庆升旗仪式举行。"),
    ),
    // 6. Colloquial 号.
    (
        "活动将于5月8号在杭州举行。",
        "colloquial-hao",
        Some("活动将于5月8日在杭州举行。"),
    ),
    (
        "截至9月21号，累计帮扶三千余人。",
        "colloquial-hao",
        Some("截至9月21日，累计帮扶三千余人。"),
    ),
    (
        "五月八号上午召开动员会。",
        "colloquial-hao",
        Some("五月八日上午召开动员会。"),
    ),
    (
        "本条例自2024年1月1号起施行。",
        "colloquial-hao",
        Some("本条例自2024年1月1日起施行。"),
    ),
    (
        "今天（8月15号）上午，代表团抵达。",
        "colloquial-hao",
        Some("今天（8月15日）上午，代表团抵达。"),
    ),
    // 7. Ranges.
    (
        "3月30日-31日，学院举办培训班。",
        "range-dash",
        Some("3月30日—31日，学院举办培训班。"),
    ),
    (
        "《规划（2016-2020年）》正式印发。",
        "range-dash",
        Some("《规划（2016—2020年）》正式印发。"),
    ),
    (
        "5月2日0-24时，新增确诊病例3例。",
        "range-dash",
        Some("5月2日0—24时，新增确诊病例3例。"),
    ),
    (
        "气温将下降8~12℃。",
        "range-dash",
        Some("气温将下降8～12℃。"),
    ),
    (
        "招募18-35岁的志愿者。",
        "range-dash",
        Some("招募18～35岁的志愿者。"),
    ),
    (
        "1-5月，全市完成投资120亿元。",
        "range-dash",
        Some("1—5月，全市完成投资120亿元。"),
    ),
    (
        "水域面积50-70平方公里。",
        "range-dash",
        Some("水域面积50～70平方公里。"),
    ),
    (
        "10月1日－7日放假调休。",
        "range-dash",
        Some("10月1日—7日放假调休。"),
    ),
    ("培训为期3–5天。", "range-dash", Some("培训为期3～5天。")),
    (
        "获得第1-3名的选手晋级。",
        "range-dash",
        Some("获得第1～3名的选手晋级。"),
    ),
    (
        "历时3-5天，气温8～12℃。",
        "range-dash",
        Some("历时3～5天，气温8～12℃。"),
    ),
    (
        "开放时间为8:00-12:00。",
        "range-dash",
        Some("开放时间为8:00—12:00。"),
    ),
    (
        "全市共有12,345名党员，其中67890人参加培训，另有23,456人报名。",
        "digit-grouping",
        Some("全市共有12,345名党员，其中67,890人参加培训，另有23,456人报名。"),
    ),
    (
        "投资123456元，收入234567元，支出34,567元。",
        "digit-grouping",
        Some("投资123456元，收入234567元，支出34567元。"),
    ),
    ("增长15～30%。", "range-unit", Some("增长15%～30%。")),
    ("投资9～16亿元。", "range-unit", Some("投资9亿～16亿元。")),
    (
        "年收入13—17万元。",
        "range-unit",
        Some("年收入13万—17万元。"),
    ),
    (
        "降幅为0.5～1.2%。",
        "range-unit",
        Some("降幅为0.5%～1.2%。"),
    ),
    ("覆盖3至5万人。", "range-unit", Some("覆盖3万至5万人。")),
    (
        "3月1日—5日报名，3月8日～10日考试，4月1日—3日公示。",
        "range-mark-consistency",
        Some("3月1日—5日报名，3月8日—10日考试，4月1日—3日公示。"),
    ),
    (
        "增长15%～30%，占比20%～40%，降幅5%—8%。",
        "range-mark-consistency",
        Some("增长15%～30%，占比20%～40%，降幅5%～8%。"),
    ),
    // 8. Times.
    (
        "每周六19：30在综合频道播出。",
        "fullwidth-time-colon",
        Some("每周六19:30在综合频道播出。"),
    ),
    (
        "早上7：50到达武汉。",
        "fullwidth-time-colon",
        Some("早上7:50到达武汉。"),
    ),
    (
        "发车时间为08：15：30。",
        "fullwidth-time-colon",
        Some("发车时间为08:15:30。"),
    ),
    (
        "会议于上午9：00开始。",
        "fullwidth-time-colon",
        Some("会议于上午9:00开始。"),
    ),
    (
        "晚上22：30档播出。",
        "fullwidth-time-colon",
        Some("晚上22:30档播出。"),
    ),
    // 10. Numbers.
    (
        "同比提高.46个百分点。",
        "bare-decimal",
        Some("同比提高0.46个百分点。"),
    ),
    (
        "系数为 .5，误差较小。",
        "bare-decimal",
        Some("系数为 0.5，误差较小。"),
    ),
    (
        "占比由.32上升到.41。",
        "bare-decimal",
        Some("占比由0.32上升到0.41。"),
    ),
];

/// Date-dependent cases: `(input, document date, rule, fixed)`.
const BAD_DATED: &[(&str, &str, &str, Option<&str>)] = &[
    (
        "2月29日上午，全体党员集中学习。",
        "2023-03-05",
        "invalid-date",
        None,
    ),
    (
        "6月16日（礼拜二）举行开班仪式。",
        "2025-06-10",
        "weekday-mismatch",
        Some("6月16日（礼拜一）举行开班仪式。"),
    ),
    (
        "12月28日（星期一）召开年终总结会。",
        "2025-01-02",
        "weekday-mismatch",
        Some("12月28日（星期六）召开年终总结会。"),
    ),
    // 9. Relative dates.
    (
        "23日，学院召开专题会议，部署有关工作。",
        "2023-03-05",
        "relative-date",
        None,
    ),
    (
        "28日，市委书记到企业调研。",
        "2024-02-10",
        "relative-date",
        None,
    ),
    (
        "今年（2023年）以来，全市经济持续恢复。",
        "2024-05-01",
        "relative-date",
        None,
    ),
    (
        "去年2022年，全市地区生产总值增长5%。",
        "2024-05-01",
        "relative-date",
        None,
    ),
    (
        "明年（2024年）将全面完成改造。",
        "2024-05-01",
        "relative-date",
        None,
    ),
];

/// Text the family must leave alone: `(input, document date)`.
const GOOD: &[(&str, &str)] = &[
    ("发布时间：2023-04-03 10:49 来源：番禺校区", "2024-06-01"),
    (
        "“2.5天小短假”靠谱吗？六成网友：难落实2015-08-11",
        "2024-06-01",
    ),
    (
        "2019-09-07 相关新闻：学院召开大会，部署有关工作。",
        "2024-06-01",
    ),
    ("2019-09-07 13:43:45　来源：新京报", "2024-06-01"),
    ("“00后”“90后”青年占比超过六成。", "2024-06-01"),
    ("建校50年来，学校培养了大批人才。", "2024-06-01"),
    (
        "20世纪90年代，学校迁入新址；八〇年代的老照片。",
        "2024-06-01",
    ),
    ("他在基层工作了12年3个月。", "2024-06-01"),
    (
        "全年共接待游客三千零五十二人次，一千零一年前的遗址。",
        "2024-06-01",
    ),
    ("地铁1号线、3号楼和国发〔2018〕59号文件。", "2024-06-01"),
    ("咨询电话010-12345678，传真0755-88886666。", "2024-06-01"),
    (
        "波音737-800客机、ARJ21-700飞机、C1-3级比赛、垦利10-2油田、歼-20。",
        "2024-06-01",
    ),
    ("中国队以86：76战胜英国队，最终以3：1获胜。", "2024-06-01"),
    (
        "比例为1：50，地图比例尺1：500，按1：2：3配置。",
        "2024-06-01",
    ),
    ("上午10:00开始，下午16:30结束。", "2024-06-01"),
    ("增长17.5%，达到4.1亿元，版本v1.2，图片.jpg。", "2024-06-01"),
    ("详见第3.1.2节。", "2024-06-01"),
    ("2024年2月29日，市委召开常委会会议。", "2024-06-01"),
    (
        "2019年全年增长6%，截止日期从2月29日延长至3月31日。",
        "2020-03-01",
    ),
    (
        "农历二月三十日，村里举办庙会；腊月三十，家家团圆。",
        "2024-06-01",
    ),
    ("会议定于2025年6月18日（星期三）上午召开。", "2024-06-01"),
    ("今天是星期天，兴安盟的牧民早早出发。", "2024-06-01"),
    ("到二〇三五年基本实现社会主义现代化。", "2024-06-01"),
    ("二〇二三年四月三日", "2024-06-01"),
    (
        "2023年4月3日，学院召开大会；12月10日举行闭幕式。",
        "2024-06-01",
    ),
    (
        "党的十八大以来，“十四五”规划顺利实施，向第二个百年奋斗目标进军。",
        "2024-06-01",
    ),
    (
        "十四届全国人大二次会议在京开幕，十九届六中全会精神。",
        "2024-06-01",
    ),
    ("3月1日—5日报名，历时3～5天，增长15%～30%。", "2024-06-01"),
    (
        "2016—2020年，气温8～12℃，3～5天，100～150kg。",
        "2024-06-01",
    ),
    ("投资9亿～16亿元，年收入13万～17万元。", "2024-06-01"),
    ("共1,000人参加，人均2,748元。", "2024-06-01"),
    (
        "七八年前，他曾在这里任职；再过二三年就能建成。",
        "2024-06-01",
    ),
    ("版本号为v2022.11.12，附件为2022-11-12.pdf。", "2024-06-01"),
    ("活动将于23日举行。", "2023-03-05"),
    ("3日，学院召开专题会议。", "2023-03-05"),
    ("波段盯紧10日线，30日内完成。", "2023-03-05"),
    ("26日08时至27日08时，局地有大雨。", "2023-03-05"),
    (
        "3月31日，学院召开大会。30日，各系部分别组织学习。",
        "2023-04-03",
    ),
    ("3月1日至5日，学院举办培训班。", "2024-06-01"),
    ("每周一至周五9:00—17:00开放。", "2024-06-01"),
    ("5月1号线路调整，5月8日正式运营。", "2024-06-01"),
    ("房间号为3-201室，以3-1战胜对手。", "2024-06-01"),
    ("2022年11月12日，市委召开常委会会议。", "2024-06-01"),
    ("9月30日至10月1日，全市举办系列活动。", "2024-06-01"),
    ("他出生于1990年，今年34岁。", "2024-06-01"),
    ("去年（2023年）全市地区生产总值增长5%。", "2024-05-01"),
    ("12月28日（星期六）召开年终总结会。", "2025-01-02"),
    ("截至6月30日，共有236人报名。", "2024-06-01"),
    (
        "网址为https://www.gov.cn/home/2023-03/29/content_5748953.htm。",
        "2024-06-01",
    ),
    ("4月11日星期六，时隔两月后首次开放。", "2020-04-20"),
    (
        "规划纲要（2021—2025年）提出，到2035年基本实现现代化。",
        "2024-06-01",
    ),
];

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn options(d: NaiveDate) -> DocumentOptions {
    DocumentOptions {
        format: Format::Plain,
        as_of: Some(d),
        today: d,
    }
}

fn linter(select: &str) -> Linter {
    let sets = builtin_rule_sets().unwrap();
    let settings = Settings {
        select: Some(vec![select.to_string()]),
        ..Settings::default()
    };
    Linter::new(&sets, &settings).unwrap()
}

fn check_bad(
    family: &Linter,
    input: &str,
    d: NaiveDate,
    rule: &str,
    fixed: Option<&str>,
) -> Result<(), String> {
    let id = format!("dates/{rule}");
    let found = family.check(&Document::new(input.to_string(), &options(d)));
    let Some(hit) = found.iter().find(|f| f.rule == id) else {
        let others: Vec<&str> = found.iter().map(|f| f.rule.as_str()).collect();
        return Err(format!("{input:?}: {id} not reported (found {others:?})"));
    };
    match fixed {
        None => {
            if hit.fix.is_some() {
                return Err(format!("{input:?}: unexpected fix"));
            }
        }
        Some(want) => {
            let one = linter(&id);
            let out = one.fix(input, &options(d), Applicability::Unsafe);
            if out.text != want {
                return Err(format!(
                    "{input:?}: fixed to {:?}, expected {want:?}",
                    out.text
                ));
            }
            let again = one.fix(&out.text, &options(d), Applicability::Unsafe);
            if again.text != out.text {
                return Err(format!("{input:?}: fix not idempotent"));
            }
        }
    }
    Ok(())
}

#[test]
fn every_wrong_form_is_caught_and_fixed() {
    let family = linter("dates");
    let mut failures = Vec::new();
    let default = date("2024-06-01");
    for (input, rule, fixed) in BAD {
        if let Err(e) = check_bad(&family, input, default, rule, *fixed) {
            failures.push(e);
        }
    }
    for (input, d, rule, fixed) in BAD_DATED {
        if let Err(e) = check_bad(&family, input, date(d), rule, *fixed) {
            failures.push(e);
        }
    }
    let total = BAD.len() + BAD_DATED.len();
    println!(
        "dates cases: {} wrong forms, {} passed; {} traps",
        total,
        total - failures.len(),
        GOOD.len()
    );
    assert!(total >= 80, "at least 80 wrong forms");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_trap_is_silent() {
    let family = linter("dates");
    let mut failures = Vec::new();
    for (input, d) in GOOD {
        for f in family.check(&Document::new(input.to_string(), &options(date(d)))) {
            failures.push(format!(
                "{input:?}: {} at {:?}: {}",
                f.rule,
                &input[f.span.range()],
                f.message
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every rule of the family has at least three wrong forms above.
#[test]
fn every_rule_is_covered() {
    let family = linter("dates");
    for r in family.rules().iter().filter(|r| r.enabled) {
        let name = r.meta.id.trim_start_matches("dates/");
        let n = BAD.iter().filter(|b| b.1 == name).count()
            + BAD_DATED.iter().filter(|b| b.2 == name).count();
        assert!(n >= 2, "{} has {n} cases", r.meta.id);
    }
}

/// The fixture documents under `fixtures/dates/`: the `*-wrong.txt` ones
/// are full of findings, and fixing them (unsafe included) leaves none with
/// a fix; `traps.txt` gives none at all.
#[test]
fn fixture_documents() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/dates");
    let family = linter("dates");
    let d = date("2024-06-01");
    let mut seen = 0;
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let found = family.check(&Document::new(text.clone(), &options(d)));
        for f in &found {
            println!("{name}: {} {:?}", f.rule, &text[f.span.range()]);
        }
        if name == "traps.txt" {
            let msgs: Vec<String> = found
                .iter()
                .map(|f| format!("{} {:?}", f.rule, &text[f.span.range()]))
                .collect();
            assert!(msgs.is_empty(), "{name}: {msgs:?}");
        } else if name.ends_with("-wrong.txt") {
            let lines = text.lines().filter(|l| !l.trim().is_empty()).count();
            assert!(
                found.len() >= lines / 2,
                "{name}: only {} findings in {lines} lines",
                found.len()
            );
            let fixed = family.fix(&text, &options(d), Applicability::Unsafe);
            assert!(fixed.converged, "{name}: fixes did not converge");
            let left: Vec<String> = fixed
                .remaining
                .iter()
                .filter(|f| f.fix.is_some())
                .map(|f| format!("{} {:?}", f.rule, &fixed.text[f.span.range()]))
                .collect();
            assert!(left.is_empty(), "{name}: fixable findings left: {left:?}");
        }
        seen += 1;
    }
    assert!(seen >= 3, "fixture documents: {seen}");
}
