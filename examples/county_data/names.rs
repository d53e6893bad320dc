//! The words a generated county is made of: townships, village-name parts, people's
//! names, county units and posts, indicator sets and the phrases people write in
//! forms. Plain data; `generate` picks from it with its seeded random numbers.

/// The county's 15 townships (扎鲁特旗): id, name. A name ending in 苏木 is a
/// pastoral township (its villages are 嘎查, its head a 苏木达).
pub const TOWNSHIPS: [(&str, &str); 15] = [
    ("t-lubei", "鲁北镇"),
    ("t-huanghuashan", "黄花山镇"),
    ("t-jurihe", "巨日合镇"),
    ("t-gahaitu", "嘎亥图镇"),
    ("t-arikundulun", "阿日昆都楞镇"),
    ("t-xiangshan", "香山镇"),
    ("t-bayaertu", "巴雅尔图胡硕镇"),
    ("t-wulijimuren", "乌力吉木仁苏木"),
    ("t-gerichaolu", "格日朝鲁苏木"),
    ("t-qiandemen", "前德门苏木"),
    ("t-daolaodu", "道老杜苏木"),
    ("t-chabugatu", "查布嘎图苏木"),
    ("t-bayanmangha", "巴彦芒哈苏木"),
    ("t-wulanhada", "乌兰哈达苏木"),
    ("t-bayantala", "巴彦塔拉苏木"),
];

/// First part of a 嘎查 name (Mongolian place words).
pub const GACHA_HEADS: &[&str] = &[
    "巴彦",
    "乌兰",
    "白音",
    "哈拉",
    "查干",
    "宝力",
    "额尔敦",
    "阿拉坦",
    "乌力吉",
    "格日乐",
    "朝鲁",
    "巴雅尔",
    "图布信",
    "敖包",
    "希日",
    "那仁",
    "赛罕",
    "塔拉",
    "高力",
    "芒哈",
    "呼和",
    "温都尔",
    "哈日",
    "沙日",
    "伊和",
    "宝日",
];

/// Second part of a 嘎查 name.
pub const GACHA_TAILS: &[&str] = &[
    "哈达",
    "芒哈",
    "花",
    "塔拉",
    "敖包",
    "图",
    "宝力格",
    "高勒",
    "诺尔",
    "毛都",
    "浩特",
    "套布",
    "胡硕",
    "乌素",
    "昭",
    "布拉格",
];

/// First part of a farming village's name.
pub const VILLAGE_HEADS: &[&str] = &[
    "前", "后", "东", "西", "新", "大", "小", "南", "北", "上", "下", "中",
];

/// Second part of a farming village's name.
pub const VILLAGE_TAILS: &[&str] = &[
    "兴隆", "太平", "永安", "红旗", "双井", "富裕", "胜利", "丰收", "和平", "三合", "长胜", "五一",
    "团结", "光明", "新立", "保安",
];

/// Common Han surnames.
pub const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "田", "董",
    "袁", "于", "蒋", "杜", "程", "苏", "魏", "吕", "丁", "任", "姚", "卢", "姜", "崔", "谭", "陆",
    "范", "金", "石", "贾", "付", "方", "白", "邹", "孟", "秦", "邱", "侯", "史", "包", "鲍", "佟",
];

/// Given names of men.
pub const MEN: &[&str] = &[
    "建国", "志刚", "海军", "文博", "晓东", "俊杰", "国华", "永明", "立新", "振华", "晓光", "建军",
    "德胜", "宏伟", "明", "强", "军", "磊", "勇", "杰", "涛", "超", "鹏", "伟", "辉", "斌", "鑫",
    "长青", "树林", "春生", "志军", "学文",
];

/// Given names of women.
pub const WOMEN: &[&str] = &[
    "丽娜", "秀英", "桂芝", "淑华", "玉兰", "春梅", "红梅", "凤琴", "海燕", "雪梅", "玉梅", "丽丽",
    "静", "敏", "霞", "芳", "娟", "欣", "艳华", "晓燕", "丽华", "秀兰",
];

/// Mongolian names of men (used alone or after a surname such as 包 or 白).
pub const MONGOLIAN_MEN: &[&str] = &[
    "巴特尔",
    "额尔德木图",
    "宝音",
    "孟和",
    "朝鲁",
    "阿拉坦",
    "哈斯",
    "达来",
    "吉日嘎拉",
    "毕力格",
    "额尔敦",
    "特木尔",
    "乌力吉",
    "满都拉",
    "呼和",
    "阿古拉",
    "布和",
    "宝力道",
    "朝克图",
    "胡日查",
    "巴雅尔",
    "德力格尔",
];

/// Mongolian names of women.
pub const MONGOLIAN_WOMEN: &[&str] = &[
    "其木格",
    "乌日娜",
    "苏日娜",
    "图雅",
    "萨仁",
    "乌兰",
    "格日乐",
    "斯琴",
    "敖敦",
    "塔娜",
    "娜仁花",
    "乌云",
    "托娅",
    "青格乐",
    "其其格",
    "高娃",
];

/// Surnames Mongolian families in the county often carry.
pub const MONGOLIAN_SURNAMES: &[&str] = &["包", "白", "韩", "鲍", "吴", "孟", "宝", "佟"];

/// County units whose leading posts the cadre workflow fills: code, name.
pub const COUNTY_UNITS: [(&str, &str); 40] = [
    ("fgw", "旗发展和改革委员会"),
    ("czj", "旗财政局"),
    ("jyj", "旗教育局"),
    ("wjw", "旗卫生健康委员会"),
    ("nmj", "旗农牧局"),
    ("slj", "旗水利局"),
    ("zrj", "旗自然资源局"),
    ("zjj", "旗住房和城乡建设局"),
    ("jtj", "旗交通运输局"),
    ("mzj", "旗民政局"),
    ("rsj", "旗人力资源和社会保障局"),
    ("wlj", "旗文化和旅游局"),
    ("yjj", "旗应急管理局"),
    ("scj", "旗市场监督管理局"),
    ("lcj", "旗林业和草原局"),
    ("ybj", "旗医疗保障局"),
    ("tjj", "旗统计局"),
    ("sjj", "旗审计局"),
    ("swj", "旗商务局"),
    ("xfj", "旗信访局"),
    ("sfj", "旗司法局"),
    ("kjj", "旗科学技术局"),
    ("gxj", "旗工业和信息化局"),
    ("xcj", "旗乡村振兴局"),
    ("tyj", "旗退役军人事务局"),
    ("zwj", "旗政务服务局"),
    ("rmt", "旗融媒体中心"),
    ("gxs", "旗供销合作社联合社"),
    ("mwj", "旗民族事务委员会"),
    ("ssj", "旗生态环境分局"),
    ("tzb", "旗委统战部"),
    ("xcb", "旗委宣传部"),
    ("zfb", "旗委政法委员会"),
    ("bmb", "旗委办公室"),
    ("zfz", "旗人民政府办公室"),
    ("rdb", "旗人大常委会办公室"),
    ("zxb", "旗政协办公室"),
    ("glj", "旗公路管护中心"),
    ("nyz", "旗农牧业技术推广中心"),
    ("jgw", "旗机关事务服务中心"),
];

/// A township's leading posts: code, title in a 镇, title in a 苏木, quota (16 seats).
pub const TOWNSHIP_POSTS: [(&str, &str, &str, u32); 13] = [
    ("sj", "党委书记", "党委书记", 1),
    ("zz", "镇长", "苏木达", 1),
    ("fsj", "党委副书记", "党委副书记", 1),
    ("fzz", "副镇长", "副苏木达", 3),
    ("rd", "人大主席", "人大主席团主席", 1),
    ("rdf", "人大副主席", "人大主席团副主席", 1),
    ("jw", "纪委书记", "纪委书记", 1),
    ("zw", "组织委员", "组织委员", 1),
    ("xw", "宣传委员", "宣传委员", 1),
    ("wz", "武装部部长", "武装部部长", 1),
    ("zf", "政法委员", "政法委员", 1),
    ("wy", "党委委员", "党委委员", 2),
    ("zzy", "组织员", "组织员", 1),
];

/// Titles cadres hold before a leading post (no post record: not counted in a quota).
pub const JUNIOR_TITLES: &[&str] = &[
    "一级科员",
    "四级主任科员",
    "三级主任科员",
    "办公室主任",
    "综合股股长",
    "党建办主任",
    "经济发展办主任",
    "社会事务办主任",
    "农牧业综合服务站站长",
];

/// 学历 with how often it occurs (weights).
pub const EDUCATION: [(&str, u64); 4] = [
    ("大学本科", 60),
    ("研究生", 12),
    ("大学专科", 23),
    ("中专", 5),
];

/// 民族 with how often it occurs (weights).
pub const ETHNICITIES: [(&str, u64); 4] = [("汉族", 58), ("蒙古族", 37), ("满族", 3), ("回族", 2)];

/// 身份 with how often it occurs (weights).
pub const IDENTITIES: [(&str, u64); 3] = [("公务员", 72), ("参照公务员法管理", 10), ("事业", 18)];

/// The assessment content of each year (id, name, maximum points), 100 points in all:
/// that year's key tasks. A pastoral township assesses grassland protection where a
/// farming one assesses its living environment.
pub fn indicator_rows(year: i32, pastoral: bool) -> Vec<(&'static str, &'static str, u32)> {
    let living = if pastoral {
        ("cy_st", "草原生态保护")
    } else {
        ("hj", "人居环境整治")
    };
    match year {
        2022 => vec![
            ("dj", "党建引领", 30),
            ("cy", "产业发展", 25),
            ("zl", "基层治理", 20),
            ("ms", "民生服务", 15),
            ("zf", "作风建设", 10),
        ],
        2023 => vec![
            ("dj", "党建引领", 25),
            ("zx", "乡村振兴", 25),
            ("zl", "基层治理", 20),
            (living.0, living.1, 15),
            ("ms", "民生服务", 15),
        ],
        2024 => vec![
            ("dj", "党建引领", 25),
            ("jt", "壮大集体经济", 20),
            ("zl", "基层治理", 20),
            (living.0, living.1, 15),
            ("ms", "民生服务", 10),
            ("zf", "作风建设", 10),
        ],
        2025 => vec![
            ("dj", "党建引领", 25),
            ("cy", "产业发展", 20),
            ("zl", "基层治理", 15),
            ("pa", "平安建设", 15),
            (living.0, living.1, 15),
            ("zf", "作风建设", 10),
        ],
        _ => vec![
            ("dj", "党建引领", 20),
            ("jt", "壮大集体经济", 20),
            ("cy", "产业发展", 15),
            ("zl", "基层治理", 15),
            (living.0, living.1, 10),
            ("ms", "民生服务", 10),
            ("zf", "作风建设", 10),
        ],
    }
}

/// Notes an assessment group writes on a score sheet.
pub const ASSESSMENT_NOTES: &[&str] = &[
    "入村实地查验，查阅会议记录和工作台账",
    "实地查看项目现场，走访党员群众 6 户",
    "查阅三务公开栏和村级财务账目，座谈了解情况",
    "现场核对产业项目进度，抽查民生事项办理记录",
    "走访农牧户，核实人居环境整治和防火巡查情况",
];

/// Why scores were corrected before publicity.
pub const CORRECTION_REASONS: &[&str] = &[
    "录入时误将一项得分录错，据原始评分表更正",
    "考核组复核台账后补计一项得分",
    "漏计村集体经济收入佐证材料，据复核意见更正",
];

/// What an objection says.
pub const OBJECTIONS: &[&str] = &[
    "产业发展项漏计了合作社分红",
    "基层治理项扣分依据不充分",
    "人居环境整治已按期完成，不应扣分",
    "党建工作台账已补齐，请求复核得分",
    "民生服务项中低保公示工作被漏评",
    "防火巡查记录齐全，扣分有误",
];

/// Who raises an objection a township organizer records.
pub const OBJECTORS: &[&str] = &["党员", "村民代表", "村务监督委员会主任", "村民"];

/// Findings of an objection upheld.
pub const UPHELD_NOTES: &[&str] = &[
    "经核实，异议反映情况属实，相应指标补计得分",
    "经考核组复核，原评分漏计佐证材料，予以更正",
];

/// Reasons an objection is dismissed.
pub const DISMISSED_NOTES: &[&str] = &[
    "经核实，评分依据充分，异议不予采纳",
    "经考核组复核，原评分符合考评细则，不予采纳",
    "所反映事项已在评分中计入，不予采纳",
];

/// How the heads of a village graded 不合格 were talked to.
pub const TALK_NOTES: &[&str] = &[
    "指出考评中暴露的问题，提出整改要求，本人表示接受",
    "谈话指出工作作风和集体经济发展方面的差距，明确整改时限",
];

/// What a 不合格 village rectified.
pub const RECTIFICATION_NOTES: &[&str] = &[
    "完善党建工作台账，集体经济项目已落实，经乡镇验收合格",
    "整改事项全部完成，三务公开规范运行，经乡镇党委验收",
];

/// Why a nominee is recommended.
pub const NOMINATION_REASONS: &[&str] = &[
    "长期在基层工作，实绩突出，群众认可度高",
    "熟悉农牧业和乡村振兴工作，统筹协调能力强",
    "政治素质好，工作扎实，在重点工作中表现突出",
    "综合素质好，年轻有为，具有发展潜力",
    "担任现职以来履职尽责，多次在年度考核中被评为优秀",
];

/// A nominee's main strengths.
pub const STRENGTHS: &[&str] = &[
    "熟悉基层情况，群众基础好",
    "组织协调能力强，敢于担当",
    "政策理论水平较高，文字功底扎实",
    "抓落实能力强，工作作风扎实",
];

/// A nominee's main weaknesses.
pub const WEAKNESSES: &[&str] = &[
    "开拓创新意识有待加强",
    "宏观思维能力有待提高",
    "工作方法有时不够灵活",
    "对经济工作的经验还需积累",
];

/// An inspection's conclusion.
pub const CONCLUSIONS: &[&str] = &[
    "德才表现突出，群众公认，符合任职条件",
    "政治过硬，实绩突出，考察结果良好",
    "综合素质较好，民主测评优秀率较高",
];

/// What the four pre-appointment checks found, by check (quota, file, report, integrity).
pub const CHECK_NOTES: [&str; 4] = [
    "经核，职数未超",
    "经审核干部人事档案，“三龄两历”无问题",
    "个人有关事项报告经查核一致",
    "旗纪委监委回复：无影响使用的问题",
];

/// Answers of the bodies consulted.
pub const OPINION_ANSWERS: &[&str] = &[
    "无不良反映",
    "未发现违纪违法问题",
    "无涉法涉诉问题",
    "同意任用",
];

/// What a 任前公示 complaint says.
pub const COMPLAINTS: &[&str] = &[
    "反映其亲属违规经营",
    "反映其在项目验收中把关不严",
    "反映其工作作风简单粗暴",
];

/// Who complained.
pub const COMPLAINANTS: &[&str] = &["匿名来信", "群众来电", "群众来访", "12380 举报网站"];
