//! The realistic reports: tables with the numbers real bodies of each kind print, and the
//! prose, headings and page metadata they write around them.

#![allow(dead_code)]

use nianbao::model::{Format, RequestCol, RequestRow as R, Table};

use super::build::{self, Doc};
use super::truth::Truth;

// =======================================================================================
// A district's aggregate report (本级政府), 2023, 2021 format, big numbers

pub fn district_tables() -> Truth {
    let mut t = build::truth(Format::V2021, 2023);
    build::proactive_2021(&mut t, ["0", "0", "0"], ["12", "5", "86"], "48632", "12875", "356", "2856.74");
    build::requests(
        &mut t,
        &[
            (R::Granted, [612, 48, 2, 1, 9, 3]),
            (R::PartiallyGranted, [86, 12, 0, 0, 2, 0]),
            (R::DeniedStateSecret, [2, 0, 0, 0, 0, 0]),
            (R::DeniedProhibitedByLaw, [5, 1, 0, 0, 0, 0]),
            (R::DeniedThreeSafeties, [1, 0, 0, 0, 0, 0]),
            (R::DeniedThirdParty, [14, 6, 0, 0, 1, 0]),
            (R::DeniedInternalAffairs, [9, 2, 0, 0, 0, 0]),
            (R::DeniedProcessInfo, [21, 4, 0, 0, 0, 1]),
            (R::DeniedEnforcementCase, [11, 3, 0, 0, 0, 0]),
            (R::DeniedQueryMatter, [18, 2, 0, 0, 0, 0]),
            (R::UnavailableNotHeld, [203, 31, 1, 0, 4, 2]),
            (R::UnavailableNeedsCreation, [37, 6, 0, 0, 1, 0]),
            (R::UnavailableUnclear, [29, 3, 0, 0, 0, 0]),
            (R::RejectedPetition, [41, 2, 0, 0, 0, 0]),
            (R::RejectedDuplicate, [38, 1, 0, 0, 0, 0]),
            (R::RejectedPublication, [6, 0, 0, 0, 0, 0]),
            (R::RejectedExcessive, [12, 0, 0, 0, 0, 0]),
            (R::RejectedConfirmation, [4, 0, 0, 0, 0, 0]),
            (R::OtherNoCorrection, [25, 2, 0, 0, 0, 0]),
            (R::OtherOther, [17, 3, 0, 0, 1, 0]),
        ],
        [46, 5, 0, 0, 1, 0],
        [39, 4, 0, 0, 2, 1],
    );
    build::appeals(&mut t, [[14, 3, 2, 4], [9, 1, 3, 2], [3, 0, 1, 1]]);
    t
}

pub const DISTRICT_TITLE: &str = "东湖区2023年政府信息公开工作年度报告";

/// The district's report as its portal publishes it (on 20 March: on time for a 本级政府
/// report, whose deadline is 31 March).
pub fn district(t: Truth) -> Doc {
    let new = build::value(&t, "requests.new.total");
    let carried = build::value(&t, "requests.carried_over.total");
    let handled = build::value(&t, "requests.total.total");
    let forward = build::value(&t, "requests.carried_forward.total");
    let review = build::value(&t, "appeals.review.total");
    let direct = build::value(&t, "appeals.litigation_direct.total");
    let after = build::value(&t, "appeals.litigation_after_review.total");
    Doc::new(t)
        .title(DISTRICT_TITLE)
        .meta("索引号：11360100MB1786234X/2024-00031　发布机构：东湖区人民政府办公室　成文日期：2024-03-18　发布日期：2024-03-20　浏览次数：1046")
        .para("本报告是根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求，由东湖区人民政府办公室综合区政府各部门、各街道（镇）政府信息公开工作年度报告编制而成。全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。本报告电子版可在“东湖区人民政府”门户网站（www.donghu.gov.cn）下载。如对本报告有疑问，请与东湖区人民政府办公室联系（地址：东湖区政务服务中心A座612室，邮编：330006，电话：0791-86812345）。")
        .heading("一、总体情况")
        .para("2023年，东湖区坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻落实党中央、国务院关于全面推进政务公开的决策部署，紧紧围绕区委、区政府中心工作，以公开促落实、强监管、优服务，全区政务公开工作取得新成效。")
        .para("（一）主动公开。全年通过区政府门户网站主动公开政府信息32876条，其中政策文件412件、政策解读156篇；召开新闻发布会24场，回应社会关切问题187个。")
        .para(&format!("（二）依申请公开。全区共收到政府信息公开申请{new}件，上年结转{carried}件，已办结{handled}件，结转下年度继续办理{forward}件。申请内容主要集中在征地拆迁、规划建设、行政执法等领域。"))
        .para("（三）政府信息管理。严格落实“三审三校”制度，动态调整主动公开基本目录，全年清理、更新行政规范性文件86件。")
        .para("（四）平台建设。优化区政府门户网站政府信息公开专栏，整合政务新媒体账号17个，“东湖发布”微信公众号全年发布信息3120条。")
        .para("（五）监督保障。将政务公开纳入全区综合考核，开展社会评议2次，全年未发生因政府信息公开工作引发的责任追究情况。")
        .heading("二、主动公开政府信息情况")
        .table(Table::Proactive)
        .heading("三、收到和处理政府信息公开申请情况")
        .table(Table::Requests)
        .heading("四、政府信息公开行政复议、行政诉讼情况")
        .para(&format!("2023年，全区因政府信息公开工作被申请行政复议{review}件，被提起行政诉讼{}件。", direct + after))
        .table(Table::Appeals)
        .heading("五、存在的主要问题及改进情况")
        .para("2023年，我区政务公开工作虽取得一定成效，但仍存在一些不足：一是部分单位政策解读形式较为单一；二是基层政务公开标准化规范化建设有待深化。2024年，我区将重点做好以下工作：一是丰富解读形式，推广图解、视频等多元化解读；二是持续推进基层政务公开标准化规范化建设，提升公开质效。")
        .heading("六、其他需要报告的事项")
        .para("（一）收取信息处理费情况。2023年，全区未收取信息处理费。")
        .para("（二）人大代表建议和政协提案办理结果公开情况。2023年，全区共承办人大代表建议126件、政协提案148件，办理结果均已按要求公开。")
        .para("（三）年度政务公开工作要点落实情况。全区按照年度工作要点要求，逐项抓好落实。")
}

// =======================================================================================
// A township, 2023, all zeros

pub fn township_tables() -> Truth {
    let mut t = build::truth(Format::V2021, 2023);
    build::proactive_2021(&mut t, ["0", "0", "0"], ["0", "0", "0"], "0", "0", "0", "0");
    build::requests(&mut t, &[], [0; 6], [0; 6]);
    build::appeals(&mut t, [[0; 4]; 3]);
    t
}

pub fn township(t: Truth) -> Doc {
    Doc::new(t)
        .chrome("首页 > 信息公开 > 法定主动公开内容 > 政府信息公开年报")
        .title("王集镇人民政府2023年政府信息公开工作年度报告")
        .meta("发布时间：2024-01-12 09:36　来源：王集镇人民政府　浏览次数：128　【字体：大 中 小】")
        .para("根据《中华人民共和国政府信息公开条例》规定，现公布王集镇2023年政府信息公开工作年度报告。本报告所列数据的统计期限为2023年1月1日至2023年12月31日。")
        .heading("一、总体情况")
        .para("2023年，王集镇认真贯彻落实《中华人民共和国政府信息公开条例》，围绕镇党委、政府中心工作，扎实推进政务公开。全年通过县政府门户网站王集镇专栏公开各类信息216条，通过村务公开栏公开惠民资金发放、低保救助等信息432条。")
        .para("本年度未收到政府信息公开申请，未发生政府信息公开行政复议、行政诉讼情况。")
        .heading("二、主动公开政府信息情况")
        .table(Table::Proactive)
        .heading("三、收到和处理政府信息公开申请情况")
        .table(Table::Requests)
        .heading("四、政府信息公开行政复议、行政诉讼情况")
        .table(Table::Appeals)
        .heading("五、存在的主要问题及改进情况")
        .para("一是公开内容不够全面，部分信息更新不及时；二是工作人员业务能力有待提高。下一步，我镇将加强业务培训，及时更新公开内容。")
        .heading("六、其他需要报告的事项")
        .para("本年度无其他需要报告的事项。")
        .chrome("【打印本页】【关闭窗口】")
        .chrome("主办：某某县人民政府办公室　网站标识码：3210230001　苏ICP备12345678号")
}

// =======================================================================================
// A department that leaves the 法人 columns blank, 2022

pub fn department_tables() -> Truth {
    let mut t = build::truth(Format::V2021, 2022);
    build::proactive_2021(&mut t, ["0", "0", "0"], ["3", "1", "14"], "1286", "37", "0", "0");
    build::requests(
        &mut t,
        &[
            (R::Granted, [11, 0, 0, 0, 0, 0]),
            (R::PartiallyGranted, [2, 0, 0, 0, 0, 0]),
            (R::DeniedThirdParty, [1, 0, 0, 0, 0, 0]),
            (R::UnavailableNotHeld, [6, 0, 0, 0, 0, 0]),
            (R::RejectedPetition, [1, 0, 0, 0, 0, 0]),
        ],
        [1, 0, 0, 0, 0, 0],
        [2, 0, 0, 0, 0, 0],
    );
    build::blank_zero_columns(
        &mut t,
        &[RequestCol::Commercial, RequestCol::Research, RequestCol::SocialWelfare, RequestCol::LegalServices, RequestCol::OtherOrg],
        "",
    );
    build::appeals(&mut t, [[1, 0, 0, 0], [0; 4], [0; 4]]);
    t
}

pub fn department(t: Truth) -> Doc {
    Doc::new(t)
        .title("清河县自然资源和规划局2022年政府信息公开工作年度报告")
        .meta("发布日期：2023-01-16")
        .para("本报告由清河县自然资源和规划局根据《中华人民共和国政府信息公开条例》要求编制。报告中所列数据统计期限自2022年1月1日起至2022年12月31日止。")
        .standard(
            &[
                "2022年，我局坚持以公开为常态、不公开为例外，主动公开规划批前公示、土地供应、不动产登记等信息358条。全年收到政府信息公开申请22件，均在法定期限内答复。",
            ],
            "存在的问题：部分公开信息解读不够通俗。改进措施：加强政策解读，提升公开质量。",
            "本年度未收取信息处理费。",
        )
}

// =======================================================================================
// A county bureau whose 表三 runs onto a second page (PDF), 2023

pub fn bureau_tables() -> Truth {
    let mut t = build::truth(Format::V2021, 2023);
    build::proactive_2021(&mut t, ["0", "0", "0"], ["2", "0", "9"], "3865", "412", "27", "0");
    build::requests(
        &mut t,
        &[
            (R::Granted, [18, 4, 0, 0, 1, 0]),
            (R::PartiallyGranted, [3, 1, 0, 0, 0, 0]),
            (R::DeniedThirdParty, [2, 0, 0, 0, 0, 0]),
            (R::DeniedEnforcementCase, [1, 0, 0, 0, 0, 0]),
            (R::UnavailableNotHeld, [9, 2, 0, 0, 0, 0]),
            (R::UnavailableUnclear, [1, 0, 0, 0, 0, 0]),
            (R::RejectedPetition, [3, 0, 0, 0, 0, 0]),
            (R::RejectedDuplicate, [2, 0, 0, 0, 0, 0]),
            (R::OtherNoCorrection, [1, 0, 0, 0, 0, 0]),
        ],
        [2, 0, 0, 0, 0, 0],
        [3, 1, 0, 0, 0, 0],
    );
    build::appeals(&mut t, [[2, 0, 0, 1], [1, 0, 0, 0], [0; 4]]);
    t
}

pub fn bureau(t: Truth) -> Doc {
    Doc::new(t)
        .title("云溪县市场监督管理局2023年政府信息公开工作年度报告")
        .para("本报告根据《中华人民共和国政府信息公开条例》（国令第711号）要求编制。报告中所列数据统计期限自2023年1月1日起至2023年12月31日止。如对本报告有疑问，请与云溪县市场监督管理局办公室联系（电话：0730-5812345）。")
        .standard(
            &[
                "2023年，云溪县市场监督管理局认真落实政务公开各项要求，全年主动公开行政许可、行政处罚等信息4296条。",
                "依申请公开方面，全年新收政府信息公开申请50件，上年结转2件，均依法按时答复。",
            ],
            "一是政策解读的针对性有待增强；二是公开专栏更新还不够及时。下一步，我局将持续加强信息发布审核，提高解读质量。",
            "本年度未收取信息处理费。",
        )
        .para("云溪县市场监督管理局")
        .para("2024年1月26日")
}

// =======================================================================================
// A 湖北 bureau's 2020 report in the 2019 format, with the province's annotations and its
// extra row 其他主动公开文件

pub fn hubei_tables() -> Truth {
    let mut t = build::truth(Format::V2019, 2020);
    build::proactive_2019(
        &mut t,
        ["0", "0", "0"],
        ["2", "2", "17"],
        ["23", "-2", "465"],
        ["8", "+1", "137"],
        ["46", "0", "88"],
        ["4", "0", "-"],
        ["", ""],
        ["0", "0"],
    );
    build::requests(
        &mut t,
        &[(R::Granted, [7, 1, 0, 0, 0, 0]), (R::UnavailableNotHeld, [2, 0, 0, 0, 0, 0]), (R::Other, [1, 0, 0, 0, 0, 0])],
        [0; 6],
        [1, 0, 0, 0, 0, 0],
    );
    build::appeals(&mut t, [[0; 4]; 3]);
    t
}

pub fn hubei(t: Truth) -> Doc {
    Doc::new(t)
        .title("武汉市江岸区生态环境分局2020年政府信息公开工作年度报告")
        .meta("发布日期：2021-01-28")
        .para("本年度报告根据《中华人民共和国政府信息公开条例》和《湖北省政府信息公开工作年度报告格式》要求编制，统计期限为2020年1月1日至2020年12月31日。")
        .standard(
            &["2020年，我分局围绕疫情防控和生态环境保护中心工作，主动公开环境质量、建设项目环评审批等信息612条。"],
            "存在的主要问题是公开信息的及时性有待提高。下一步，我分局将完善信息发布机制。",
            "无。",
        )
}

// =======================================================================================
// A 2019 report (2019 format)

pub fn report_2019_tables() -> Truth {
    let mut t = build::truth(Format::V2019, 2019);
    build::proactive_2019(
        &mut t,
        ["0", "0", "0"],
        ["6", "6", "41"],
        ["112", "-8", "2387"],
        ["35", "+5", "620"],
        ["63", "0", "214"],
        ["5", "0", "12"],
        ["3", "-1"],
        ["13", "160.5964万元"],
    );
    build::requests(
        &mut t,
        &[
            (R::Granted, [26, 3, 0, 0, 0, 0]),
            (R::PartiallyGranted, [2, 0, 0, 0, 0, 0]),
            (R::UnavailableNotHeld, [8, 1, 0, 0, 0, 0]),
            (R::RejectedDuplicate, [1, 0, 0, 0, 0, 0]),
            (R::Other, [3, 0, 0, 0, 0, 0]),
        ],
        [1, 0, 0, 0, 0, 0],
        [2, 0, 0, 0, 0, 0],
    );
    build::appeals(&mut t, [[1, 0, 0, 1], [0; 4], [0; 4]]);
    t
}

pub fn report_2019(t: Truth) -> Doc {
    Doc::new(t)
        .title("安康市汉滨区交通运输局2019年政府信息公开工作年度报告")
        .meta("发布时间：2020-01-21")
        .para("本报告依据《中华人民共和国政府信息公开条例》（国务院令第711号）编制，所列数据统计期限为2019年1月1日至2019年12月31日。")
        .standard(
            &["2019年，我局全年主动公开政府信息1284条，受理政府信息公开申请45件。"],
            "一是主动公开的深度不够；二是政策解读形式单一。2020年将加以改进。",
            "无。",
        )
}

// =======================================================================================
// A city bureau, 2023, whose parts are headed and numbered in other ways

/// A plain, consistent 2021-format report on `year` with a few applications and appeals.
pub fn gen_2021(year: i32) -> Truth {
    let mut t = build::truth(Format::V2021, year);
    build::proactive_2021(&mut t, ["1", "0", "7"], ["9", "3", "64"], "2315", "186", "12", "35.6");
    build::requests(
        &mut t,
        &[
            (R::Granted, [32, 5, 0, 0, 1, 0]),
            (R::PartiallyGranted, [4, 1, 0, 0, 0, 0]),
            (R::DeniedThirdParty, [1, 1, 0, 0, 0, 0]),
            (R::DeniedProcessInfo, [2, 0, 0, 0, 0, 0]),
            (R::UnavailableNotHeld, [11, 2, 0, 0, 0, 1]),
            (R::UnavailableNeedsCreation, [2, 0, 0, 0, 0, 0]),
            (R::RejectedPetition, [3, 0, 0, 0, 0, 0]),
            (R::RejectedDuplicate, [1, 0, 0, 0, 0, 0]),
            (R::OtherNoCorrection, [2, 0, 0, 0, 0, 0]),
            (R::OtherOther, [1, 0, 0, 0, 0, 0]),
        ],
        [3, 1, 0, 0, 0, 0],
        [4, 0, 0, 0, 1, 0],
    );
    build::appeals(&mut t, [[3, 1, 0, 1], [2, 0, 1, 0], [1, 0, 0, 0]]);
    t
}

/// A city bureau's report with the standard parts; `published` is the page's 发布日期.
pub fn city_bureau(t: Truth, published: &str) -> Doc {
    let year = t.year;
    Doc::new(t)
        .title(&format!("南平市住房和城乡建设局{year}年政府信息公开工作年度报告"))
        .meta(&format!("信息来源：南平市住房和城乡建设局　发布日期：{published}　【字体：大 中 小】"))
        .para(&format!("根据《中华人民共和国政府信息公开条例》（以下简称《条例》）规定，特向社会公布{year}年度本机关政府信息公开工作年度报告。本报告所列数据的统计期限为{year}年1月1日至{year}年12月31日。"))
        .standard(
            &[
                &format!("{year}年，市住建局深入贯彻落实《条例》，围绕住房保障、城市建设、建筑市场监管等重点领域，全年主动公开政府信息1532条，发布政策解读27篇。"),
                "（一）主动公开情况。通过局门户网站、政务新媒体等渠道及时发布行政许可、行政处罚等信息。",
                "（二）依申请公开情况。严格落实登记、审核、答复等流程，全部申请均在法定期限内答复。",
                "（三）政府信息管理情况。落实信息发布保密审查制度。",
                "（四）政府信息公开平台建设情况。升级政府信息公开专栏。",
                "（五）监督保障情况。将政务公开纳入年度绩效考核。",
            ],
            "一是政策解读形式较为单一；二是信息公开的主动性有待加强。下一步，我局将丰富解读方式，加强业务培训。",
            "本年度未收取信息处理费。",
        )
}
